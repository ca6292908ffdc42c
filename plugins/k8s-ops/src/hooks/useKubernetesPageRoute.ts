import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../routes';

/**
 * The route of the Kubernetes page; its default path in an app that does
 * not mount the page where this is used (links then go there).
 */
export function useKubernetesPageRoute(): () => string {
  try {
    // The hook throws, after its own hooks ran, when the route is not bound.
    return useRouteRef(rootRouteRef);
  } catch {
    return () => '/k8s-ops';
  }
}
