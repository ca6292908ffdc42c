import { ResourceChange } from '@k8s-ops/plugin-k8s-ops-common';
import { ChangesQuery, K8sOpsApi } from '../api/K8sOpsApi';

/** How long a load waits for the change stream before it goes ahead. */
const STREAM_GRACE_MS = 3000;

/**
 * Loads a value and keeps it current with the change stream, losing no
 * change in between: the value is loaded once the stream is open, and again
 * whenever the stream opens anew after a break; changes that arrive during
 * a load are replayed on top of its answer. Should the stream not open in a
 * few seconds, the value is loaded anyway. Answers the function that stops.
 */
export function followLive<T>(options: {
  api: K8sOpsApi;
  /** The changes that concern the value; without them, it is only loaded. */
  changes?: ChangesQuery;
  load: () => Promise<T>;
  fold: (value: T, change: ResourceChange) => T;
  /** A freshly loaded value. */
  onValue: (value: T) => void;
  /** A change, once a value is loaded; fold it into the value shown. */
  onChange: (change: ResourceChange) => void;
  onError: (error: Error) => void;
}): () => void {
  let active = true;
  let loads = 0;
  let pending: ResourceChange[] | undefined;

  const load = () => {
    const current = ++loads;
    pending = [];
    options
      .load()
      .then(value => {
        if (!active || current !== loads) return;
        const replayed = (pending ?? []).reduce(options.fold, value);
        pending = undefined;
        options.onValue(replayed);
      })
      .catch(error => {
        if (!active || current !== loads) return;
        pending = undefined;
        options.onError(error);
      });
  };

  if (!options.changes) {
    load();
    return () => {
      active = false;
    };
  }
  const grace = setTimeout(() => loads === 0 && load(), STREAM_GRACE_MS);
  const unsubscribe = options.api.watchChanges(
    options.changes,
    change => {
      if (!active) return;
      if (pending) {
        pending.push(change);
      } else if (loads > 0) {
        options.onChange(change);
      }
    },
    {
      onOpen: () => active && load(),
      onError: error => active && options.onError(error),
    },
  );
  return () => {
    active = false;
    clearTimeout(grace);
    unsubscribe();
  };
}
