import {
  KubeObject,
  ResourceChange,
  ResourceListQuery,
} from '@k8s-ops/plugin-k8s-ops-common';

/** The loaded pages of a list of objects of one kind. */
export interface ObjectList {
  /** Sorted by namespace, then name, as the backend pages them. */
  items: KubeObject[];
  /** Objects the whole list holds, over every page. */
  total: number;
  /** Where the next page starts; none when every page is loaded. */
  continue?: string;
}

/** How a list is ordered: the backend's `sortBy` and `order`. */
export type ListOrder = Pick<ResourceListQuery, 'sortBy' | 'order'>;

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * The order the backend pages a list in (see its listPage): by namespace,
 * name or age (newest first), then namespace and name, as plain strings.
 */
export function listComparator(
  order: ListOrder = {},
): (a: KubeObject, b: KubeObject) => number {
  const ns = (o: KubeObject) => o.metadata.namespace ?? '';
  const name = (o: KubeObject) => o.metadata.name ?? '';
  const created = (o: KubeObject) => {
    const ms = Date.parse(o.metadata.creationTimestamp ?? '');
    return Number.isNaN(ms) ? -Infinity : ms;
  };
  const byNamespace = (a: KubeObject, b: KubeObject) =>
    compareText(ns(a), ns(b)) || compareText(name(a), name(b));
  const keys = {
    namespace: byNamespace,
    name: (a: KubeObject, b: KubeObject) =>
      compareText(name(a), name(b)) || compareText(ns(a), ns(b)),
    age: (a: KubeObject, b: KubeObject) =>
      created(b) - created(a) || byNamespace(a, b),
  };
  const byKey = keys[order.sortBy ?? 'namespace'];
  return order.order === 'desc' ? (a, b) => byKey(b, a) : byKey;
}

/** The order the backend pages a list in by default: namespace, then name. */
export const byNamespaceAndName = listComparator();

function sameObject(a: KubeObject, b: KubeObject): boolean {
  return a.metadata.uid && b.metadata.uid
    ? a.metadata.uid === b.metadata.uid
    : a.metadata.namespace === b.metadata.namespace &&
        a.metadata.name === b.metadata.name;
}

/**
 * Folds one change of the change stream into the loaded list: an object
 * already shown is replaced where it is, a new one is inserted in order
 * when it falls among the loaded pages (a later page brings it otherwise),
 * and a deleted one is removed. `matches` says whether an object still
 * belongs to the list (its label selector); one that no longer does leaves.
 * Answers the same list when nothing changes.
 */
export function applyListChange(
  list: ObjectList,
  change: ResourceChange,
  matches: (object: KubeObject) => boolean = () => true,
  compare: (a: KubeObject, b: KubeObject) => number = byNamespaceAndName,
): ObjectList {
  const object = change.object;
  const index = list.items.findIndex(o => sameObject(o, object));
  const last = list.items[list.items.length - 1];
  const inLoadedRange =
    !list.continue || (last !== undefined && compare(object, last) <= 0);
  const removed = change.type === 'DELETED' || !matches(object);

  if (removed) {
    if (index >= 0) {
      const items = list.items.filter((_, i) => i !== index);
      return { ...list, items, total: Math.max(0, list.total - 1) };
    }
    // Not loaded yet, but part of a later page.
    return change.type === 'DELETED' && !inLoadedRange
      ? { ...list, total: Math.max(0, list.total - 1) }
      : list;
  }
  if (index >= 0) {
    const items = [...list.items];
    items[index] = object;
    return { ...list, items };
  }
  if (!inLoadedRange) {
    return change.type === 'ADDED' ? { ...list, total: list.total + 1 } : list;
  }
  const items = [...list.items];
  const at = items.findIndex(o => compare(object, o) < 0);
  items.splice(at < 0 ? items.length : at, 0, object);
  return { ...list, items, total: list.total + 1 };
}

/** Appends a further page, leaving out objects a live change already added. */
export function appendPage(
  list: ObjectList,
  page: { items: KubeObject[]; continue?: string; total: number },
): ObjectList {
  const seen = new Set(list.items.map(o => o.metadata.uid).filter(Boolean));
  return {
    items: [
      ...list.items,
      ...page.items.filter(o => !o.metadata.uid || !seen.has(o.metadata.uid)),
    ],
    total: page.total,
    continue: page.continue,
  };
}
