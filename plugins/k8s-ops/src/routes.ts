import { createRouteRef } from '@backstage/core-plugin-api';

/** The route of the k8s-ops page in the legacy frontend system. */
export const rootRouteRef = createRouteRef({ id: 'k8s-ops' });
