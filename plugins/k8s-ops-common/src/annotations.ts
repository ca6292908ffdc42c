/**
 * Catalog annotations that tie an entity to its Kubernetes workloads. They
 * are the annotations of Backstage's own Kubernetes plugin, so catalogs that
 * already carry them work unchanged.
 *
 * @public
 */
export const K8S_ID_ANNOTATION = 'backstage.io/kubernetes-id';

/** @public */
export const K8S_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';

/** @public */
export const K8S_NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';

/** The label that carries an entity's `backstage.io/kubernetes-id` on its objects. @public */
export const K8S_ID_LABEL = 'backstage.io/kubernetes-id';

/**
 * Whether an entity's annotations tie it to Kubernetes workloads.
 *
 * @public
 */
export function hasKubernetesAnnotations(
  annotations: Record<string, string> | undefined,
): boolean {
  return entityLabelSelector(annotations) !== undefined;
}

/**
 * The label selector that finds an entity's objects, or undefined when the
 * entity has no Kubernetes annotations.
 *
 * @public
 */
export function entityLabelSelector(
  annotations: Record<string, string> | undefined,
): string | undefined {
  const selector = annotations?.[K8S_LABEL_SELECTOR_ANNOTATION]?.trim();
  if (selector) {
    return selector;
  }
  const id = annotations?.[K8S_ID_ANNOTATION]?.trim();
  return id ? `${K8S_ID_LABEL}=${id}` : undefined;
}
