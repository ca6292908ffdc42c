import { LoggerService } from '@backstage/backend-plugin-api';
import { CredentialCipher } from './CredentialCipher';
import { DatabaseClusterStore } from './DatabaseClusterStore';
import { ClusterCredentials, ClusterDefinition, ClusterSource } from './types';

/** How long a replica trusts its copy of the registered clusters. */
const TTL_MS = 2_000;

/**
 * Clusters registered at run time, read from the database (so a change made
 * through one replica reaches the others within seconds) and decrypted.
 */
export class RegisteredClusterSource implements ClusterSource {
  private cached:
    | { at: number; clusters: Promise<ClusterDefinition[]> }
    | undefined;
  /** Definitions keep their identity while unchanged, so clients are reused. */
  private readonly previous = new Map<
    string,
    { updatedAt: string; definition: ClusterDefinition }
  >();

  constructor(
    private readonly deps: {
      store: DatabaseClusterStore;
      cipher: CredentialCipher | undefined;
      logger: LoggerService;
    },
  ) {}

  async list(): Promise<ClusterDefinition[]> {
    if (!this.cached || Date.now() - this.cached.at > TTL_MS) {
      const clusters = this.load();
      this.cached = { at: Date.now(), clusters };
      clusters.catch(() => (this.cached = undefined));
    }
    return this.cached.clusters;
  }

  /** Forgets the cached copy after a change made through this replica. */
  invalidate() {
    this.cached = undefined;
  }

  private async load(): Promise<ClusterDefinition[]> {
    const stored = await this.deps.store.list();
    const result: ClusterDefinition[] = [];
    for (const cluster of stored) {
      const known = this.previous.get(cluster.name);
      if (known && known.updatedAt === cluster.updatedAt) {
        result.push(known.definition);
        continue;
      }
      if (!this.deps.cipher) {
        this.deps.logger.error(
          `Registered cluster '${cluster.name}' is skipped: k8sOps.encryption.keys is not configured, so its credentials cannot be decrypted`,
        );
        continue;
      }
      let credentials: ClusterCredentials;
      try {
        credentials = JSON.parse(
          this.deps.cipher.decrypt(cluster.sealedCredentials),
        );
      } catch (error) {
        this.deps.logger.error(
          `Registered cluster '${cluster.name}' is skipped: ${
            (error as Error).message
          }`,
        );
        continue;
      }
      const definition: ClusterDefinition = {
        name: cluster.name,
        title: cluster.title,
        source: 'registered',
        url: cluster.url,
        group: cluster.group,
        labels: cluster.labels,
        readOnly: cluster.readOnly,
        impersonate: cluster.impersonate,
        ...(credentials.skipTLSVerify ? { insecure: true } : {}),
        credentials,
      };
      this.previous.set(cluster.name, {
        updatedAt: cluster.updatedAt,
        definition,
      });
      result.push(definition);
    }
    return result;
  }
}
