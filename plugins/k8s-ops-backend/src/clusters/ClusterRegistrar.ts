import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  ClusterExport,
  ClusterSummary,
  RegisterClusterRequest,
  UpdateClusterRequest,
} from '@k8s-ops/plugin-k8s-ops-common';
import { KubeClientFactory } from '../kube/KubeClientFactory';
import { parseOrThrow } from '../http/parseOrThrow';
import { ClusterRegistry } from './ClusterRegistry';
import { CredentialCipher } from './CredentialCipher';
import { DatabaseClusterHealthStore } from './DatabaseClusterHealthStore';
import { DatabaseClusterStore } from './DatabaseClusterStore';
import { KubeconfigPolicy } from './kubeconfigSchema';
import { listKubeconfigContexts, parseKubeconfig } from './parseKubeconfig';
import { RegisteredClusterSource } from './RegisteredClusterSource';
import { importPolicy } from './schemas';
import { ClusterCredentials, ClusterDefinition, toSummary } from './types';

/**
 * Changes the registry: registers clusters from pasted kubeconfigs (checked
 * as untrusted input, validated by connecting, credentials sealed), edits
 * and removes them, exports and imports the registry. Who may do this, and
 * the audit trail, are the concern of AuthorizedClusterRegistrar.
 */
export class ClusterRegistrar {
  constructor(
    private readonly deps: {
      registry: ClusterRegistry;
      store: DatabaseClusterStore;
      source: RegisteredClusterSource;
      health: DatabaseClusterHealthStore;
      cipher: CredentialCipher | undefined;
      allowHttp: boolean;
      allowInsecureSkipTlsVerify?: boolean;
    },
  ) {}

  /** The contexts of a pasted kubeconfig, each one registrable; nothing is stored. */
  contexts(kubeconfig: string) {
    const options = { ...this.policy(), requireCredentials: true };
    return listKubeconfigContexts(kubeconfig, options);
  }

  /** `actor`: who registers it, kept with the cluster. */
  async register(
    req: RegisterClusterRequest,
    actor: string,
  ): Promise<ClusterSummary> {
    const cipher = this.requireCipher();
    const { credentials } = parseKubeconfig(req.kubeconfig, {
      ...this.policy(),
      context: req.context,
    });
    if ((await this.deps.registry.list()).some(c => c.name === req.name)) {
      throw new ConflictError(`A cluster named '${req.name}' already exists`);
    }
    const { server, ...secret } = credentials;
    await this.verify(req.name, server, secret);
    const now = new Date().toISOString();
    await this.deps.store.insert({
      name: req.name,
      title: req.title ?? req.name,
      url: server,
      group: req.group,
      labels: req.labels ?? {},
      readOnly: req.readOnly ?? false,
      impersonate: req.impersonate ?? false,
      sealedCredentials: cipher.encrypt(JSON.stringify(secret)),
      createdBy: actor,
      createdAt: now,
      updatedAt: now,
    });
    await this.forget();
    return toSummary(await this.deps.registry.get(req.name));
  }

  async update(
    name: string,
    changes: UpdateClusterRequest,
  ): Promise<ClusterSummary> {
    await this.assertRegistered(name);
    await this.deps.store.update(name, changes);
    await this.forget();
    return toSummary(await this.deps.registry.get(name));
  }

  async remove(name: string): Promise<void> {
    await this.assertRegistered(name);
    await this.deps.store.delete(name);
    await this.deps.health.delete(name);
    await this.forget();
  }

  /** Every registered cluster; credentials only when asked. */
  async export(includeCredentials: boolean): Promise<ClusterExport> {
    const registered = (await this.deps.registry.list()).filter(
      c => c.source === 'registered',
    );
    return {
      clusters: registered.map(c => ({
        name: c.name,
        title: c.title,
        url: c.url,
        group: c.group,
        labels: c.labels,
        readOnly: c.readOnly,
        impersonate: c.impersonate,
        credentials: includeCredentials ? inline(c.credentials) : undefined,
      })),
    };
  }

  /**
   * Registers the clusters of an export. Each needs credentials and is
   * verified by connecting; a name that exists already is refused.
   */
  async import(
    data: ClusterExport,
    actor: string,
  ): Promise<{ imported: string[] }> {
    const cipher = this.requireCipher();
    const urls = parseOrThrow(importPolicy(this.policy()), data);
    const existing = new Set(
      (await this.deps.registry.list()).map(c => c.name),
    );
    for (const cluster of data.clusters) {
      if (existing.has(cluster.name)) {
        throw new ConflictError(
          `A cluster named '${cluster.name}' already exists`,
        );
      }
      if (!cluster.credentials?.token && !cluster.credentials?.clientKeyData) {
        throw new InputError(
          `clusters.${cluster.name}.credentials: an import needs the credentials of each cluster (export with includeCredentials)`,
        );
      }
    }
    const clusters = data.clusters.map((c, i) => ({ ...c, url: urls[i] }));
    for (const cluster of clusters) {
      await this.verify(cluster.name, cluster.url, cluster.credentials!);
    }
    const now = new Date().toISOString();
    for (const cluster of clusters) {
      await this.deps.store.insert({
        name: cluster.name,
        title: cluster.title,
        url: cluster.url,
        group: cluster.group,
        labels: cluster.labels,
        readOnly: cluster.readOnly,
        impersonate: cluster.impersonate,
        sealedCredentials: cipher.encrypt(JSON.stringify(cluster.credentials)),
        createdBy: actor,
        createdAt: now,
        updatedAt: now,
      });
    }
    await this.forget();
    return { imported: data.clusters.map(c => c.name) };
  }

  /**
   * Connects with the credentials before anything is stored: the server
   * must answer and accept them. Refusals keep the cluster's own reason.
   */
  private async verify(
    name: string,
    url: string,
    credentials: ClusterCredentials,
  ) {
    const definition: ClusterDefinition = {
      name,
      title: name,
      source: 'registered',
      url,
      labels: {},
      readOnly: true,
      impersonate: false,
      credentials,
    };
    const clients = new KubeClientFactory();
    const client = clients.forCluster(definition);
    try {
      await client.request('/version', { timeoutMs: 10_000 });
      // Authentication, not authorization: any valid identity may ask who it is.
      const review = await client.request<{
        status?: { userInfo?: { username?: string } };
      }>('/apis/authentication.k8s.io/v1/selfsubjectreviews', {
        method: 'POST',
        body: {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'SelfSubjectReview',
        },
        timeoutMs: 10_000,
      });
      if (
        !review.status?.userInfo?.username ||
        review.status.userInfo.username === 'system:anonymous'
      ) {
        throw new InputError(
          'the cluster treats these credentials as anonymous',
        );
      }
    } catch (error) {
      throw new InputError(
        `Cannot register cluster '${name}': ${(error as Error).message}`,
      );
    } finally {
      clients.close();
    }
  }

  private policy(): KubeconfigPolicy {
    const { allowHttp, allowInsecureSkipTlsVerify } = this.deps;
    return { allowHttp, allowInsecureSkipTlsVerify };
  }

  private requireCipher(): CredentialCipher {
    if (!this.deps.cipher) {
      throw new NotAllowedError(
        'Registering clusters needs an encryption key for their credentials: add k8sOps.encryption.keys to app-config (a base64 32-byte key, for example from `openssl rand -base64 32`)',
      );
    }
    return this.deps.cipher;
  }

  private async assertRegistered(name: string) {
    const cluster = (await this.deps.registry.list()).find(
      c => c.name === name,
    );
    if (!cluster) {
      throw new NotFoundError(`No cluster named '${name}'`);
    }
    if (cluster.source !== 'registered') {
      throw new ConflictError(
        `Cluster '${name}' comes from ${
          cluster.source === 'config'
            ? 'app-config'
            : `the ${cluster.source} source`
        }; change it there`,
      );
    }
  }

  /** Tells the registry's followers at once, on this replica. */
  private async forget() {
    this.deps.source.invalidate();
    await this.deps.registry.refresh();
  }
}

function inline(c: ClusterCredentials) {
  return {
    caData: c.caData,
    token: c.token,
    clientCertData: c.clientCertData,
    clientKeyData: c.clientKeyData,
    skipTLSVerify: c.skipTLSVerify,
  };
}
