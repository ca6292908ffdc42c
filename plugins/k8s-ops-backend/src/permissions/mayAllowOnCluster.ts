import {
  AuthorizeResult,
  PermissionCriteria,
  PermissionCondition,
  PermissionRuleParams,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { ClusterFacts, ObjectFacts } from './resources';

/** The object rules that read only an object's cluster. */
const CLUSTER_ONLY_RULES = new Set(['IS_IN_CLUSTER', 'IS_IN_CLUSTER_GROUP']);

type Leaf = PermissionCondition<string, PermissionRuleParams>;

/**
 * Whether a decision on objects may allow some object of a cluster, before
 * any object is named: rules on the cluster are decided, rules on the
 * object (namespace, kind, labels) could go either way. Answers false only
 * when no object of the cluster can be allowed, so that a page can say
 * "read-only for you" without ever hiding an action a person may take.
 */
export function mayAllowOnCluster(
  decision: PolicyDecision,
  cluster: ClusterFacts,
  applyRule: (condition: Leaf, facts: ObjectFacts) => boolean,
): boolean {
  if (decision.result !== AuthorizeResult.CONDITIONAL) {
    return decision.result === AuthorizeResult.ALLOW;
  }
  const facts: ObjectFacts = { cluster, kind: '', labels: {} };
  // Three values: true, false, or undefined for "depends on the object".
  const evaluate = (
    criteria: PermissionCriteria<Leaf>,
  ): boolean | undefined => {
    if ('allOf' in criteria) {
      const values = criteria.allOf.map(evaluate);
      if (values.includes(false)) return false;
      return values.every((v: boolean | undefined) => v === true)
        ? true
        : undefined;
    }
    if ('anyOf' in criteria) {
      const values = criteria.anyOf.map(evaluate);
      if (values.includes(true)) return true;
      return values.every((v: boolean | undefined) => v === false)
        ? false
        : undefined;
    }
    if ('not' in criteria) {
      const value = evaluate(criteria.not);
      return value === undefined ? undefined : !value;
    }
    return CLUSTER_ONLY_RULES.has(criteria.rule)
      ? applyRule(criteria, facts)
      : undefined;
  };
  return evaluate(decision.conditions as PermissionCriteria<Leaf>) !== false;
}
