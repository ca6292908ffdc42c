import { KubeObject, objectKeyOf } from '@k8s-ops/plugin-k8s-ops-common';

/** What the cache keeps of an object: everything but its managed fields. */
export function toCached(object: KubeObject): KubeObject {
  if (!object.metadata?.managedFields) {
    return object;
  }
  // Managed fields are bookkeeping of server-side apply, often half of an
  // object's size, and nothing the portal shows.
  const { managedFields: _managedFields, ...metadata } = object.metadata;
  return { ...object, metadata };
}

/**
 * Folds one watch event into a store; answers whether it changed anything
 * the cache serves.
 */
export function applyWatchEvent(
  store: Map<string, KubeObject>,
  event: { type: string; object: KubeObject },
): 'ADDED' | 'MODIFIED' | 'DELETED' | undefined {
  const key = objectKeyOf(event.object);
  switch (event.type) {
    case 'ADDED':
    case 'MODIFIED': {
      const existed = store.has(key);
      store.set(key, toCached(event.object));
      return existed ? 'MODIFIED' : 'ADDED';
    }
    case 'DELETED':
      return store.delete(key) ? 'DELETED' : undefined;
    default:
      return undefined;
  }
}

/**
 * Replaces a store's content with a fresh list, answering the changes a
 * watcher missed while it was away (after a 410 Gone or an outage).
 */
export function replaceStore(
  store: Map<string, KubeObject>,
  items: KubeObject[],
): Array<{
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
  previous?: KubeObject;
}> {
  const changes: Array<{
    type: 'ADDED' | 'MODIFIED' | 'DELETED';
    object: KubeObject;
    previous?: KubeObject;
  }> = [];
  const seen = new Set<string>();
  for (const item of items) {
    const key = objectKeyOf(item);
    seen.add(key);
    const previous = store.get(key);
    if (!previous) {
      changes.push({ type: 'ADDED', object: item });
    } else if (
      previous.metadata.resourceVersion !== item.metadata.resourceVersion
    ) {
      changes.push({ type: 'MODIFIED', object: item, previous });
    }
    store.set(key, toCached(item));
  }
  for (const [key, object] of store) {
    if (!seen.has(key)) {
      store.delete(key);
      changes.push({ type: 'DELETED', object });
    }
  }
  return changes;
}
