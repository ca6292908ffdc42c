import { PodObject, selects } from './endpoints';

/**
 * Pods by namespace and label pair, so that the pods of a workload are
 * found among those that carry one of its selector's pairs rather than
 * among every pod of the namespace.
 */
export class PodLabelIndex {
  private readonly byPair = new Map<string, PodObject[]>();

  constructor(pods: PodObject[]) {
    for (const pod of pods) {
      for (const [key, value] of Object.entries(pod.metadata.labels ?? {})) {
        const pair = `${pod.metadata.namespace}\u0000${key}=${value}`;
        const list = this.byPair.get(pair);
        if (list) list.push(pod);
        else this.byPair.set(pair, [pod]);
      }
    }
  }

  select(
    namespace: string,
    selector: Record<string, string> | undefined,
  ): PodObject[] {
    const pairs = Object.entries(selector ?? {});
    if (pairs.length === 0) {
      return [];
    }
    const [key, value] = pairs[0];
    return (this.byPair.get(`${namespace}\u0000${key}=${value}`) ?? []).filter(
      pod => selects(selector, pod.metadata.labels),
    );
  }
}
