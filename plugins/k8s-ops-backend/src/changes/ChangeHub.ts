import { ResourceChange } from '@k8s-ops/plugin-k8s-ops-common';

/** Fans the changes seen by every watcher out to their subscribers. */
export class ChangeHub {
  private readonly listeners = new Set<(change: ResourceChange) => void>();

  publish(change: ResourceChange) {
    for (const listener of this.listeners) {
      listener(change);
    }
  }

  /** Answers the function that unsubscribes. */
  subscribe(listener: (change: ResourceChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }
}
