import {
  findKind,
  KindDescriptor,
  resourceNameOf,
  WORKLOAD_RESOURCES,
} from '@k8s-ops/plugin-k8s-ops-common';

/**
 * Whether a kind comes from a CustomResourceDefinition rather than from
 * Kubernetes itself: the groups of CRDs hold a dot, Kubernetes' own have
 * none or end in `.k8s.io` (its aggregated metrics API too).
 */
export function isCustomKind(kind: KindDescriptor): boolean {
  return kind.group.includes('.') && !kind.group.endsWith('.k8s.io');
}

/**
 * The custom kinds an entity's tab lists on a cluster, as
 * `resource.group`: every namespaced custom kind the cluster serves
 * (`true`), none (`false`), or those named that it serves. Only kinds
 * that can be listed and watched: they are read from the watch cache.
 */
export function entityCustomResources(
  kinds: KindDescriptor[],
  setting: boolean | string[],
): string[] {
  if (setting === false) {
    return [];
  }
  const candidates =
    setting === true
      ? kinds.filter(k => k.preferred && isCustomKind(k))
      : setting.flatMap(ref => findKind(kinds, ref) ?? []);
  const resources = candidates
    .filter(
      k => k.namespaced && ['list', 'watch'].every(v => k.verbs.includes(v)),
    )
    .map(resourceNameOf)
    .filter(r => !WORKLOAD_RESOURCES.includes(r));
  return [...new Set(resources)].sort();
}

/**
 * {@link entityCustomResources} for one setting, worked out once per copy
 * of a cluster's kinds: every entity view asks for every cluster.
 */
export function entityCustomResourcesOf(
  setting: boolean | string[],
): (kinds: KindDescriptor[]) => string[] {
  const known = new WeakMap<KindDescriptor[], string[]>();
  return kinds => {
    let resources = known.get(kinds);
    if (!resources) {
      resources = entityCustomResources(kinds, setting);
      known.set(kinds, resources);
    }
    return resources;
  };
}
