import {
  KubeObject,
  NamespaceProvisionRequest,
} from '@k8s-ops/plugin-k8s-ops-common';

/** The label every object k8s-ops provisions carries. */
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'k8s-ops' };

/**
 * The objects of a provisioned namespace: the Namespace (labelled, with Pod
 * Security Standards labels), and as asked a ResourceQuota, a LimitRange of
 * containers, a NetworkPolicy that denies ingress except from the namespace
 * itself, and a ServiceAccount bound to a Role of the given rules.
 */
export function namespaceManifests(
  request: NamespaceProvisionRequest,
): KubeObject[] {
  const namespace = request.name;
  const metadata = (name: string) => ({
    name,
    namespace,
    labels: { ...MANAGED_BY },
  });
  const podSecurity = Object.fromEntries(
    Object.entries(request.podSecurity ?? {})
      .filter(([, level]) => level)
      .map(([mode, level]) => [`pod-security.kubernetes.io/${mode}`, level]),
  );
  const objects: KubeObject[] = [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace, labels: { ...MANAGED_BY, ...podSecurity } },
    },
  ];
  if (request.quota) {
    objects.push({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: metadata('k8s-ops-quota'),
      spec: { hard: { ...request.quota } },
    });
  }
  if (request.limits) {
    objects.push({
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: metadata('k8s-ops-limits'),
      spec: {
        limits: [
          {
            type: 'Container',
            ...Object.fromEntries(
              Object.entries(request.limits).filter(
                ([, amounts]) => amounts && Object.keys(amounts).length > 0,
              ),
            ),
          },
        ],
      },
    });
  }
  if (request.networkPolicy) {
    objects.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata('k8s-ops-default-deny-ingress'),
      spec: {
        podSelector: {},
        policyTypes: ['Ingress'],
        // Only pods of this namespace may connect.
        ingress: [{ from: [{ podSelector: {} }] }],
      },
    });
  }
  if (request.serviceAccount) {
    const { name, rules = [] } = request.serviceAccount;
    objects.push(
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: metadata(name) },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'Role',
        metadata: metadata(name),
        rules: rules.map(rule => ({
          apiGroups: rule.apiGroups ?? [''],
          resources: rule.resources,
          verbs: rule.verbs,
          ...(rule.resourceNames?.length
            ? { resourceNames: rule.resourceNames }
            : {}),
        })),
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: metadata(name),
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Role',
          name,
        },
        subjects: [{ kind: 'ServiceAccount', name, namespace }],
      },
    );
  }
  return objects;
}
