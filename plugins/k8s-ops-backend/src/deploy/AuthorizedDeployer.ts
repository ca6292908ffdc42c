import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  ClusterSummary,
  DeployEvent,
  k8sOpsClusterReadPermission,
  DeployRecord,
  DeployResponse,
  k8sOpsDeployPermission,
  KubeObject,
} from '@k8s-ops/plugin-k8s-ops-common';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AuditedRequest, actorOf } from '../audit/AuditLog';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { toSummary } from '../clusters/types';
import { isSecret, maskSecret } from '../permissions/maskSecret';
import { RequestAuthorizer } from '../permissions/RequestAuthorizer';
import { AuthorizedManifestSet } from '../resources/AuthorizedManifestSet';
import { authorizeOnCluster, visibleClusters } from './authorizeOnCluster';
import { readComposeFile } from './compose/readComposeFile';
import { DatabaseDeployStore, DeployQuery } from './DatabaseDeployStore';
import { RolloutTracker } from './RolloutTracker';
import { deploySchemas } from '@k8s-ops/plugin-k8s-ops-common';

type DeployBody = z.output<typeof deploySchemas.deployBody>;

interface Release {
  cluster: string;
  namespace: string;
  service: string;
  name: string;
  selector: Record<string, string>;
  objects: KubeObject[];
  dryRun?: boolean;
  rollbackOf?: string;
}

/** The Namespace a deploy ensures first, labelled as the portal's. */
function namespaceObject(name: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'k8s-ops' } },
  };
}

/**
 * Deploys Compose services and rolls them back, as the person: the deploy
 * permission on the cluster first, then every object checked and applied
 * as one audited change; a real deploy is kept in the history and its
 * rollout followed.
 */
export class AuthorizedDeployer {
  constructor(
    private readonly deps: {
      registry: ClusterRegistry;
      authorizer: RequestAuthorizer;
      manifests: AuthorizedManifestSet;
      store: DatabaseDeployStore;
      tracker: RolloutTracker;
      logger: LoggerService;
    },
  ) {}

  async deploy(
    clusterName: string,
    body: DeployBody,
    ctx: AuditedRequest,
  ): Promise<DeployResponse> {
    await this.authorize(ctx.credentials, clusterName);
    const made = readComposeFile(body);
    return this.release(
      {
        cluster: clusterName,
        namespace: body.namespace,
        service: made.service,
        name: made.name,
        selector: made.selector,
        objects: [namespaceObject(body.namespace), ...made.objects],
        dryRun: body.dryRun,
      },
      ctx,
    );
  }

  /**
   * Applies an earlier deploy's manifests again. Its Secret is left out:
   * the history holds no values, and the live Secret keeps its own.
   */
  async rollback(
    id: string,
    options: { dryRun?: boolean },
    ctx: AuditedRequest,
  ): Promise<DeployResponse> {
    const earlier = await this.get(id, ctx.credentials);
    await this.authorize(ctx.credentials, earlier.cluster);
    const deployment = earlier.manifests.find(o => o.kind === 'Deployment');
    const selector =
      (
        deployment?.spec as {
          selector?: { matchLabels?: Record<string, string> };
        }
      )?.selector?.matchLabels ?? {};
    return this.release(
      {
        cluster: earlier.cluster,
        namespace: earlier.namespace,
        service: earlier.service,
        name: earlier.name,
        selector,
        objects: earlier.manifests.filter(o => !isSecret(o)),
        dryRun: options.dryRun,
        rollbackOf: earlier.id,
      },
      ctx,
    );
  }

  /** The clusters the person may deploy to, for pickers. */
  async targets(credentials: BackstageCredentials): Promise<ClusterSummary[]> {
    const authz = await this.deps.authorizer.authorize(credentials, [
      k8sOpsClusterReadPermission,
      k8sOpsDeployPermission,
    ]);
    return (await this.deps.registry.list())
      .filter(
        c =>
          !c.readOnly &&
          authz.allowsCluster(k8sOpsClusterReadPermission, c) &&
          authz.allowsCluster(k8sOpsDeployPermission, c),
      )
      .map(toSummary);
  }

  async list(
    query: DeployQuery,
    credentials: BackstageCredentials,
  ): Promise<DeployRecord[]> {
    const clusters = await visibleClusters(this.deps, credentials);
    return this.deps.store.list({ ...query, clusters });
  }

  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<DeployRecord> {
    const record = await this.deps.store.get(id);
    const clusters = record
      ? await visibleClusters(this.deps, credentials)
      : [];
    if (!record || !clusters.includes(record.cluster)) {
      throw new NotFoundError(`No deploy with id '${id}'`);
    }
    return record;
  }

  /**
   * Follows a deploy's rollout: the events so far, then each as it comes.
   * A deploy this replica does not follow is answered from the history.
   */
  async follow(
    id: string,
    credentials: BackstageCredentials,
    listener: (event: DeployEvent, last: boolean) => void,
  ): Promise<() => void> {
    const record = await this.get(id, credentials);
    const stop = this.deps.tracker.follow(id, listener);
    if (stop) {
      return stop;
    }
    // Followed elsewhere, or over: the history says where it stands.
    let timer: NodeJS.Timeout | undefined;
    const report = (r: DeployRecord) => {
      listener(
        {
          status: r.status,
          at: r.finishedAt ?? r.createdAt,
          message: r.reason ?? r.status,
        },
        r.status !== 'progressing',
      );
      if (r.status === 'progressing') {
        timer = setTimeout(async () => {
          const now = await this.deps.store.get(id).catch(error => {
            this.deps.logger.warn(`Could not read deploy ${id}: ${error}`);
            return undefined;
          });
          if (now) report(now);
        }, 2000);
      }
    };
    report(record);
    return () => clearTimeout(timer);
  }

  private async authorize(credentials: BackstageCredentials, cluster: string) {
    await authorizeOnCluster(
      this.deps,
      credentials,
      cluster,
      k8sOpsDeployPermission,
      'deploy',
    );
  }

  private async release(
    release: Release,
    ctx: AuditedRequest,
  ): Promise<DeployResponse> {
    const id = release.dryRun ? undefined : randomUUID();
    const startedAt = Date.now();
    const applied = await this.deps.manifests.apply(
      release.cluster,
      release.objects,
      { dryRun: release.dryRun },
      {
        action: release.rollbackOf ? 'deploy-rollback' : 'deploy',
        target: {
          namespace: release.namespace,
          kind: 'Deployment',
          name: release.name,
        },
        summary: done => {
          const created = done.filter(a => a.created).length;
          const what = `${release.service}: ${done.length} objects, ${created} created`;
          const rollback = release.rollbackOf
            ? ` to deploy ${release.rollbackOf}`
            : '';
          return id ? `deploy ${id}${rollback}: ${what}` : `${what}${rollback}`;
        },
      },
      ctx,
    );
    const objects = release.objects.map(o => (isSecret(o) ? maskSecret(o) : o));
    const response: DeployResponse = {
      id,
      dryRun: Boolean(release.dryRun),
      cluster: release.cluster,
      namespace: release.namespace,
      service: release.service,
      name: release.name,
      objects,
      applied,
    };
    if (!id) {
      return response;
    }
    await this.deps.store.insert({
      id,
      actor: actorOf(ctx.credentials),
      createdAt: new Date(startedAt).toISOString(),
      cluster: release.cluster,
      namespace: release.namespace,
      service: release.service,
      name: release.name,
      status: 'progressing',
      rollbackOf: release.rollbackOf,
      manifests: objects.filter(o => o.kind !== 'Namespace'),
    });
    this.deps.tracker
      .track({
        id,
        cluster: release.cluster,
        namespace: release.namespace,
        name: release.name,
        selector: release.selector,
        startedAt,
      })
      .catch(async error => {
        this.deps.logger.error(
          `Could not follow the rollout of deploy ${id}`,
          error,
        );
        await this.deps.store
          .update(id, {
            status: 'failed',
            reason: `the rollout could not be followed: ${
              error.message ?? error
            }`,
            finishedAt: new Date().toISOString(),
            durationMs: Date.now() - startedAt,
          })
          .catch(failed =>
            this.deps.logger.error(
              `Could not record deploy ${id} as failed`,
              failed,
            ),
          );
      });
    return response;
  }
}
