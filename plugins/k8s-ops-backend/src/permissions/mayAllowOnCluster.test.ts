import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mayAllowOnCluster } from './mayAllowOnCluster';

const prod = { name: 'prod', group: 'production', labels: {} };
const dev = { name: 'dev', group: 'development', labels: {} };

const inGroup = (groups: string[]) => ({
  rule: 'IS_IN_CLUSTER_GROUP',
  resourceType: 'k8s-ops-resource',
  params: { groups },
});
const inNamespace = (namespaces: string[]) => ({
  rule: 'IS_IN_NAMESPACE',
  resourceType: 'k8s-ops-resource',
  params: { namespaces },
});

// The cluster rules as the plugin applies them.
const applyRule = (
  condition: { rule: string; params?: Record<string, unknown> },
  facts: { cluster: { name: string; group?: string } },
) =>
  condition.rule === 'IS_IN_CLUSTER_GROUP'
    ? (condition.params!.groups as string[]).includes(facts.cluster.group!)
    : (condition.params!.clusters as string[]).includes(facts.cluster.name);

const conditional = (conditions: object) => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'k8s-ops',
  resourceType: 'k8s-ops-resource',
  conditions: conditions as never,
});

describe('mayAllowOnCluster', () => {
  it.each([
    ['allow', { result: AuthorizeResult.ALLOW }, prod, true],
    ['deny', { result: AuthorizeResult.DENY }, dev, false],
    [
      'not production, on prod',
      conditional({ not: inGroup(['production']) }),
      prod,
      false,
    ],
    [
      'not production, on dev',
      conditional({ not: inGroup(['production']) }),
      dev,
      true,
    ],
    [
      'own namespace outside production, on prod',
      conditional({
        allOf: [inNamespace(['team-a']), { not: inGroup(['production']) }],
      }),
      prod,
      false,
    ],
    [
      'own namespace outside production, on dev',
      conditional({
        allOf: [inNamespace(['team-a']), { not: inGroup(['production']) }],
      }),
      dev,
      true,
    ],
    [
      'own namespace or production',
      conditional({
        anyOf: [inNamespace(['team-a']), inGroup(['production'])],
      }),
      dev,
      true,
    ],
    [
      'a namespace only, which depends on the object',
      conditional(inNamespace(['team-a'])),
      prod,
      true,
    ],
    [
      'not a namespace, which depends on the object',
      conditional({ not: inNamespace(['team-a']) }),
      prod,
      true,
    ],
  ])('%s → %p', (_name, decision, cluster, expected) => {
    expect(mayAllowOnCluster(decision as never, cluster, applyRule)).toBe(
      expected,
    );
  });
});
