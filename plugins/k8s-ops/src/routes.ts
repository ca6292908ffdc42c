import { createRouteRef } from '@backstage/core-plugin-api';

/** The route of the k8s-ops page in the legacy frontend system. */
export const rootRouteRef = createRouteRef({ id: 'k8s-ops' });

/** The route of the audit page in the legacy frontend system. */
export const auditRouteRef = createRouteRef({ id: 'k8s-ops-audit' });

/** The route of the search page in the legacy frontend system. */
export const searchRouteRef = createRouteRef({ id: 'k8s-ops-search' });

/** The route of the port-forwards page in the legacy frontend system. */
export const portForwardsRouteRef = createRouteRef({
  id: 'k8s-ops-port-forwards',
});

/** The route of the infrastructure page (`/k8s-ops/infrastructure`). */
export const infrastructureRouteRef = createRouteRef({
  id: 'k8s-ops-infrastructure',
});
