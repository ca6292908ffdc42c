import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterHealth } from '@k8s-ops/plugin-k8s-ops-common';
import { KubeClientFactory } from '../kube/KubeClientFactory';
import { ClusterRegistry } from './ClusterRegistry';
import { DatabaseClusterHealthStore } from './DatabaseClusterHealthStore';
import { ClusterDefinition } from './types';

/** Slower answers than this mark a reachable cluster as degraded. */
const SLOW_MS = 2_000;

/**
 * Checks clusters: reachable (answers its version and its nodes, quickly),
 * degraded (answers slowly, or not its nodes, or some nodes are not ready),
 * unreachable (does not answer). Results go to the database for every
 * replica.
 */
export class ClusterHealthMonitor {
  constructor(
    private readonly deps: {
      registry: ClusterRegistry;
      clients: KubeClientFactory;
      store: DatabaseClusterHealthStore;
      logger: LoggerService;
    },
  ) {}

  async checkAll(): Promise<void> {
    const clusters = await this.deps.registry.list();
    await Promise.all(clusters.map(cluster => this.check(cluster)));
  }

  async check(cluster: ClusterDefinition): Promise<ClusterHealth> {
    const client = this.deps.clients.forCluster(cluster);
    const started = Date.now();
    let health: ClusterHealth;
    try {
      const version = await client.request<{ gitVersion: string }>('/version', {
        timeoutMs: 10_000,
      });
      const latencyMs = Date.now() - started;
      try {
        const nodes = await client.request<{
          items: Array<{
            status?: { conditions?: Array<{ type: string; status: string }> };
          }>;
        }>('/api/v1/nodes', { timeoutMs: 10_000 });
        const notReady = nodes.items.filter(
          n =>
            !n.status?.conditions?.some(
              c => c.type === 'Ready' && c.status === 'True',
            ),
        ).length;
        const problems = [
          notReady
            ? `${notReady} of ${nodes.items.length} nodes are not ready`
            : '',
          latencyMs > SLOW_MS ? `answered in ${latencyMs} ms` : '',
        ].filter(Boolean);
        health = {
          status: problems.length ? 'degraded' : 'reachable',
          version: version.gitVersion,
          nodes: nodes.items.length,
          latencyMs,
          error: problems.length ? problems.join('; ') : undefined,
          checkedAt: new Date().toISOString(),
        };
      } catch (error) {
        health = {
          status: 'degraded',
          version: version.gitVersion,
          latencyMs,
          error: `nodes could not be listed: ${(error as Error).message}`,
          checkedAt: new Date().toISOString(),
        };
      }
    } catch (error) {
      health = {
        status: 'unreachable',
        latencyMs: Date.now() - started,
        error: (error as Error).message,
        checkedAt: new Date().toISOString(),
      };
    }
    await this.deps.store.save(cluster.name, health);
    return health;
  }
}
