import { KubeObject, ResourceChange } from '@k8s-ops/plugin-k8s-ops-common';

/**
 * A change as a watcher saw it: with the object as it was before a
 * modification, so that a subscriber can tell when an object stops
 * matching what it follows.
 */
export interface ObservedChange extends ResourceChange {
  previous?: KubeObject;
}

/** Fans the changes seen by every watcher out to their subscribers. */
export class ChangeHub {
  private readonly listeners = new Set<(change: ObservedChange) => void>();

  publish(change: ObservedChange) {
    for (const listener of this.listeners) {
      listener(change);
    }
  }

  /** Answers the function that unsubscribes. */
  subscribe(listener: (change: ObservedChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }
}
