import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterHealth } from '@k8s-ops/plugin-k8s-ops-common';
import { KubeClientFactory } from '../kube/KubeClientFactory';
import { ClusterRegistry } from './ClusterRegistry';
import { DatabaseClusterHealthStore } from './DatabaseClusterHealthStore';
import { ClusterDefinition } from './types';

/** Slower answers than this mark a reachable cluster as degraded. */
const SLOW_MS = 2_000;

/** The whole check of one cluster, by default. */
const CHECK_TIMEOUT_MS = 5_000;

/**
 * Checks clusters: reachable (answers its version and its nodes, quickly),
 * degraded (answers slowly, or not its nodes, or some nodes are not ready),
 * unreachable (does not answer). Results go to the database for every
 * replica. Every cluster is checked at the same time, and the whole check of
 * one is bounded by `timeoutMs`, so that a frozen cluster is marked
 * unreachable within one interval and an on-demand check answers in time.
 */
export class ClusterHealthMonitor {
  private readonly checking = new Map<string, Promise<ClusterHealth>>();

  constructor(
    private readonly deps: {
      registry: ClusterRegistry;
      clients: KubeClientFactory;
      store: DatabaseClusterHealthStore;
      logger: LoggerService;
      /** Limit of the whole check of one cluster; 5 s by default. */
      timeoutMs?: number;
    },
  ) {}

  async checkAll(): Promise<void> {
    const clusters = await this.deps.registry.list();
    await Promise.all(
      clusters.map(cluster =>
        this.check(cluster).catch(error =>
          this.deps.logger.warn(
            `Health of cluster '${cluster.name}' could not be saved: ${error}`,
          ),
        ),
      ),
    );
  }

  /** Checks a cluster; a check of it already under way is shared. */
  check(cluster: ClusterDefinition): Promise<ClusterHealth> {
    let running = this.checking.get(cluster.name);
    if (!running) {
      running = this.checkNow(cluster).finally(() =>
        this.checking.delete(cluster.name),
      );
      this.checking.set(cluster.name, running);
    }
    return running;
  }

  private async checkNow(cluster: ClusterDefinition): Promise<ClusterHealth> {
    const client = this.deps.clients.forCluster(cluster);
    const started = Date.now();
    const timeoutMs = this.deps.timeoutMs ?? CHECK_TIMEOUT_MS;
    let health: ClusterHealth;
    try {
      const version = await client.request<{ gitVersion: string }>('/version', {
        timeoutMs,
      });
      const latencyMs = Date.now() - started;
      try {
        const nodes = await client.request<{
          items: Array<{
            status?: { conditions?: Array<{ type: string; status: string }> };
          }>;
        }>('/api/v1/nodes', {
          // What is left of the check's time, and never none.
          timeoutMs: Math.max(timeoutMs - latencyMs, 1_000),
        });
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
