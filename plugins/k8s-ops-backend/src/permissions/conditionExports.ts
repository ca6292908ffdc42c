import { createConditionExports } from '@backstage/plugin-permission-node';
import { clusterResourceRef, objectResourceRef } from './resources';
import { clusterRules } from './rules/clusterRules';
import { objectRules } from './rules/objectRules';

const clusterExports = createConditionExports({
  resourceRef: clusterResourceRef,
  rules: clusterRules,
});

const objectExports = createConditionExports({
  resourceRef: objectResourceRef,
  rules: objectRules,
});

/**
 * Conditions on the `k8s-ops-cluster` resource type, for permission policies.
 *
 * @public
 */
export const k8sOpsClusterConditions = clusterExports.conditions;

/**
 * Wraps cluster conditions into a conditional decision.
 *
 * @public
 */
export const createK8sOpsClusterConditionalDecision =
  clusterExports.createConditionalDecision;

/**
 * Conditions on the `k8s-ops-resource` resource type, for permission policies.
 *
 * @public
 */
export const k8sOpsResourceConditions = objectExports.conditions;

/**
 * Wraps resource conditions into a conditional decision.
 *
 * @public
 */
export const createK8sOpsResourceConditionalDecision =
  objectExports.createConditionalDecision;
