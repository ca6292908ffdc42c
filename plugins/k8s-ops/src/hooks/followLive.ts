import { ChangesQuery, ResourceChange } from '@k8s-ops/plugin-k8s-ops-common';
import { K8sOpsApi } from '../api/K8sOpsApi';

/**
 * Loads a value and keeps it current with the change stream, losing no
 * change in between. The value is loaded at once, to show it soon, and
 * again each time the stream opens (the first time, and after every break):
 * a change made between a load and the stream's start would otherwise be
 * missed. Changes that arrive during a load are replayed on top of its
 * answer. Answers the function that stops.
 */
export function followLive<T>(options: {
  api: K8sOpsApi;
  /** The changes that concern the value; without them, it is only loaded. */
  changes?: ChangesQuery;
  load: () => Promise<T>;
  /**
   * A value the caller loaded already: shown as it is, and loaded again
   * only when the stream opens.
   */
  initial?: T;
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

  if (options.initial === undefined) {
    load();
  }
  if (!options.changes) {
    return () => {
      active = false;
    };
  }
  const unsubscribe = options.api.watchChanges(
    options.changes,
    change => {
      if (!active) return;
      if (pending) {
        pending.push(change);
      } else {
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
    unsubscribe();
  };
}
