import { Entity } from '@backstage/catalog-model';
import { hasKubernetesAnnotations } from '@k8s-ops/plugin-k8s-ops-common';

/**
 * Whether an entity carries the annotations that tie it to Kubernetes
 * workloads; use it to show the tab only where it has something to show.
 *
 * @public
 */
export function isK8sOpsAvailable(entity: Entity): boolean {
  return hasKubernetesAnnotations(entity.metadata.annotations);
}
