import { ConflictError, NotFoundError } from '@backstage/errors';
import { ClusterDefinition, ClusterSource } from './types';

/** Every cluster k8s-ops knows, merged from its sources. */
export class ClusterRegistry {
  constructor(private readonly sources: ClusterSource[]) {}

  async list(): Promise<ClusterDefinition[]> {
    const byName = new Map<string, ClusterDefinition>();
    for (const source of this.sources) {
      for (const cluster of await source.list()) {
        const existing = byName.get(cluster.name);
        if (existing) {
          throw new ConflictError(
            `Cluster name '${cluster.name}' is defined by both ${existing.source} and ${cluster.source}; cluster names must be unique`,
          );
        }
        byName.set(cluster.name, cluster);
      }
    }
    return [...byName.values()];
  }

  async get(name: string): Promise<ClusterDefinition> {
    const cluster = (await this.list()).find(c => c.name === name);
    if (!cluster) {
      throw new NotFoundError(`No cluster named '${name}'`);
    }
    return cluster;
  }
}
