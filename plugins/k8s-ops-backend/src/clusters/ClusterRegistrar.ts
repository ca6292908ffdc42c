import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ClusterExport,
  ClusterSummary,
  ImportClustersResponse,
  k8sOpsClusterManagePermission,
  k8sOpsSecretRevealPermission,
  RegisterClusterRequest,
  UpdateClusterRequest,
} from '@k8s-ops/plugin-k8s-ops-common';
import { Request } from 'express';
import { AuditLog } from '../audit/AuditLog';
import { WatchCache } from '../cache/WatchCache';
import { KubeClient } from '../kube/KubeClient';
import { KubeClientFactory } from '../kube/KubeClientFactory';
import { ClusterRegistry } from './ClusterRegistry';
import { CredentialCipher } from './CredentialCipher';
import { DatabaseClusterHealthStore } from './DatabaseClusterHealthStore';
import { DatabaseClusterStore } from './DatabaseClusterStore';
import { listKubeconfigContexts, parseKubeconfig } from './parseKubeconfig';
import { RegisteredClusterSource } from './RegisteredClusterSource';
import { ClusterCredentials, ClusterDefinition, toSummary } from './types';

/** Who asks, for permissions and the audit trail. */
export interface RegistrarContext {
  credentials: BackstageCredentials;
  request: Request;
}

/**
 * Changes the registry: registers clusters from pasted kubeconfigs (checked
 * as untrusted input, validated by connecting, credentials sealed), edits
 * and removes them, exports and imports the registry. Every change needs
 * the cluster-manage permission and is audited.
 */
export class ClusterRegistrar {
  constructor(
    private readonly deps: {
      registry: ClusterRegistry;
      store: DatabaseClusterStore;
      source: RegisteredClusterSource;
      health: DatabaseClusterHealthStore;
      cipher: CredentialCipher | undefined;
      clients: KubeClientFactory;
      cache: WatchCache;
      permissions: PermissionsService;
      audit: AuditLog;
      logger: LoggerService;
      allowHttp: boolean;
    },
  ) {}

  /** The contexts of a pasted kubeconfig, for a picker; nothing is stored. */
  async contexts(kubeconfig: string, ctx: RegistrarContext) {
    await this.assertManage(ctx.credentials);
    return listKubeconfigContexts(kubeconfig, {
      allowHttp: this.deps.allowHttp,
    });
  }

  async register(
    req: RegisterClusterRequest,
    ctx: RegistrarContext,
  ): Promise<ClusterSummary> {
    return this.deps.audit.track(
      {
        action: 'cluster-register',
        request: ctx.request,
        credentials: ctx.credentials,
        target: { cluster: req.name },
        summary: c => `registered ${c.url}`,
      },
      async () => {
        await this.assertManage(ctx.credentials);
        const cipher = this.requireCipher();
        const { credentials } = parseKubeconfig(req.kubeconfig, {
          context: req.context,
          allowHttp: this.deps.allowHttp,
        });
        if ((await this.deps.registry.list()).some(c => c.name === req.name)) {
          throw new ConflictError(
            `A cluster named '${req.name}' already exists`,
          );
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
          createdBy: actorOf(ctx.credentials),
          createdAt: now,
          updatedAt: now,
        });
        this.deps.source.invalidate();
        return toSummary(await this.deps.registry.get(req.name));
      },
    );
  }

  async update(
    name: string,
    changes: UpdateClusterRequest,
    ctx: RegistrarContext,
  ): Promise<ClusterSummary> {
    return this.deps.audit.track(
      {
        action: 'cluster-update',
        request: ctx.request,
        credentials: ctx.credentials,
        target: { cluster: name },
        summary: `changed ${Object.keys(changes).join(', ')}`,
      },
      async () => {
        await this.assertManage(ctx.credentials);
        await this.assertRegistered(name);
        await this.deps.store.update(name, changes);
        this.deps.source.invalidate();
        this.forget(name);
        return toSummary(await this.deps.registry.get(name));
      },
    );
  }

  async remove(name: string, ctx: RegistrarContext): Promise<void> {
    await this.deps.audit.track(
      {
        action: 'cluster-delete',
        request: ctx.request,
        credentials: ctx.credentials,
        target: { cluster: name },
        summary: 'removed from the registry',
      },
      async () => {
        await this.assertManage(ctx.credentials);
        await this.assertRegistered(name);
        await this.deps.store.delete(name);
        await this.deps.health.delete(name);
        this.deps.source.invalidate();
        this.forget(name);
      },
    );
  }

  /** Every registered cluster; credentials only when asked and allowed. */
  async export(
    includeCredentials: boolean,
    ctx: RegistrarContext,
  ): Promise<ClusterExport> {
    const run = async (): Promise<ClusterExport> => {
      await this.assertManage(ctx.credentials);
      if (includeCredentials) {
        // Revealing everywhere, not under conditions, is what exporting
        // every credential takes.
        const [reveal] = await this.deps.permissions.authorizeConditional(
          [{ permission: k8sOpsSecretRevealPermission }],
          { credentials: ctx.credentials },
        );
        if (reveal.result !== AuthorizeResult.ALLOW) {
          throw new NotAllowedError(
            'You may not export cluster credentials; export without includeCredentials',
          );
        }
      }
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
    };
    if (!includeCredentials) {
      return run();
    }
    return this.deps.audit.track(
      {
        action: 'cluster-export',
        request: ctx.request,
        credentials: ctx.credentials,
        target: {},
        summary: r => `exported ${r.clusters.length} clusters with credentials`,
        severity: 'high',
      },
      run,
    );
  }

  /**
   * Registers the clusters of an export. Each needs credentials and is
   * verified by connecting; a name that exists already is refused.
   */
  async import(
    data: ClusterExport,
    ctx: RegistrarContext,
  ): Promise<ImportClustersResponse> {
    return this.deps.audit.track(
      {
        action: 'cluster-import',
        request: ctx.request,
        credentials: ctx.credentials,
        target: {},
        summary: r => `imported ${r.imported.join(', ')}`,
      },
      async () => {
        await this.assertManage(ctx.credentials);
        const cipher = this.requireCipher();
        const existing = new Set(
          (await this.deps.registry.list()).map(c => c.name),
        );
        for (const cluster of data.clusters) {
          if (existing.has(cluster.name)) {
            throw new ConflictError(
              `A cluster named '${cluster.name}' already exists`,
            );
          }
          if (
            !cluster.credentials?.token &&
            !cluster.credentials?.clientKeyData
          ) {
            throw new InputError(
              `clusters.${cluster.name}.credentials: an import needs the credentials of each cluster (export with includeCredentials)`,
            );
          }
        }
        for (const cluster of data.clusters) {
          await this.verify(cluster.name, cluster.url, cluster.credentials!);
        }
        const now = new Date().toISOString();
        for (const cluster of data.clusters) {
          await this.deps.store.insert({
            name: cluster.name,
            title: cluster.title,
            url: cluster.url,
            group: cluster.group,
            labels: cluster.labels,
            readOnly: cluster.readOnly,
            impersonate: cluster.impersonate,
            sealedCredentials: cipher.encrypt(
              JSON.stringify(cluster.credentials),
            ),
            createdBy: actorOf(ctx.credentials),
            createdAt: now,
            updatedAt: now,
          });
        }
        this.deps.source.invalidate();
        return { imported: data.clusters.map(c => c.name) };
      },
    );
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
    const client: KubeClient = clients.forCluster(definition);
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

  private requireCipher(): CredentialCipher {
    if (!this.deps.cipher) {
      throw new NotAllowedError(
        'Registering clusters needs an encryption key for their credentials: add k8sOps.encryption.keys to app-config (a base64 32-byte key, for example from `openssl rand -base64 32`)',
      );
    }
    return this.deps.cipher;
  }

  private async assertManage(credentials: BackstageCredentials) {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: k8sOpsClusterManagePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('You may not manage k8s-ops clusters');
    }
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

  private forget(name: string) {
    this.deps.clients.forget(name);
    this.deps.cache.forgetCluster(name);
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

function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    userEntityRef?: string;
    subject?: string;
    type?: string;
  };
  return (
    principal.userEntityRef ?? principal.subject ?? principal.type ?? 'unknown'
  );
}
