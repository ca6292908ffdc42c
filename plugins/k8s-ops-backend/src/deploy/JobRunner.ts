import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  deploySchemas,
  JobLogsResponse,
  JobRunResponse,
  JobSummary,
  k8sOpsJobRunPermission,
  k8sOpsPodLogsPermission,
  k8sOpsResourceReadPermission,
  KubeObject,
} from '@k8s-ops/plugin-k8s-ops-common';
import { z } from 'zod';
import { AuditedRequest, actorOf } from '../audit/AuditLog';
import { WatchCache } from '../cache/WatchCache';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { ClusterDefinition } from '../clusters/types';
import { Impersonator } from '../permissions/Impersonator';
import { RequestAuthorizer } from '../permissions/RequestAuthorizer';
import { AuthorizedManifestSet } from '../resources/AuthorizedManifestSet';
import { AuthorizedResourceChanges } from '../resources/AuthorizedResourceChanges';
import { ResourceService } from '../resources/ResourceService';
import { authorizeOnCluster } from './authorizeOnCluster';
import { DatabaseJobStore } from './DatabaseJobStore';
import { jobManifest, jobSummary, RUN_ID_LABEL } from './jobManifest';
import { DeployConfig } from './readDeployConfig';

type JobBody = z.output<typeof deploySchemas.jobBody>;
type JobKey = { cluster: string; namespace: string; name: string };

const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

/**
 * Runs one-off jobs as the person, follows them through the watch cache,
 * and keeps their pods' logs in the database when they end, so that the
 * logs can be read after the TTL or a delete has removed the pods.
 */
export class JobRunner {
  private readonly following = new Map<string, () => void>();

  constructor(
    private readonly deps: {
      registry: ClusterRegistry;
      authorizer: RequestAuthorizer;
      impersonator: Impersonator;
      manifests: AuthorizedManifestSet;
      changes: AuthorizedResourceChanges;
      resources: ResourceService;
      cache: WatchCache;
      store: DatabaseJobStore;
      config: DeployConfig['jobs'];
      logger: LoggerService;
    },
  ) {}

  async run(
    clusterName: string,
    body: JobBody,
    ctx: AuditedRequest,
  ): Promise<JobRunResponse> {
    await authorizeOnCluster(
      this.deps,
      ctx.credentials,
      clusterName,
      k8sOpsJobRunPermission,
      'run jobs',
    );
    const { name, runId, object } = jobManifest(body, this.deps.config);
    await this.deps.manifests.apply(
      clusterName,
      [object],
      { dryRun: body.dryRun },
      {
        action: 'job-run',
        target: { namespace: body.namespace, kind: 'Job', name },
        summary: () => `job ${name}, run ${runId}: ${body.image}`,
      },
      ctx,
    );
    const key = { cluster: clusterName, namespace: body.namespace, name };
    if (!body.dryRun) {
      await this.deps.store.insert({
        actor: actorOf(ctx.credentials),
        createdAt: new Date().toISOString(),
        summary: {
          ...key,
          runId,
          status: 'pending',
          attempts: 0,
          pods: [],
          live: true,
          logsKept: false,
        },
      });
      await this.follow(key);
    }
    return { dryRun: Boolean(body.dryRun), ...key, runId, object };
  }

  async list(
    query: { cluster: string; namespace?: string; runId?: string },
    credentials: BackstageCredentials,
  ): Promise<JobSummary[]> {
    const { cluster, authz } = await authorizeOnCluster(
      this.deps,
      credentials,
      query.cluster,
      undefined,
      'read jobs',
      [k8sOpsResourceReadPermission],
    );
    const readable = (
      object: KubeObject,
      kind: Parameters<typeof authz.allows>[1]['kind'],
    ) => authz.allows(k8sOpsResourceReadPermission, { cluster, kind }, object);
    const jobs = await this.deps.resources.list(
      {
        cluster: query.cluster,
        resource: 'jobs.batch',
        namespace: query.namespace,
        labelSelector: query.runId
          ? `${RUN_ID_LABEL}=${query.runId}`
          : undefined,
      },
      { filter: readable },
    );
    const pods = await this.deps.resources.list(
      { cluster: query.cluster, resource: 'pods', namespace: query.namespace },
      {
        filter: (o, kind) =>
          Boolean(o.metadata.labels?.[JOB_NAME_LABEL]) && readable(o, kind),
      },
    );
    const kept = await this.deps.store.list(query);
    const keptByName = new Map(
      kept.map(k => [`${k.summary.namespace}/${k.summary.name}`, k]),
    );
    const live = jobs.items.map(job => {
      const summary = jobSummary(query.cluster, job, podsOf(pods.items, job));
      const k = keptByName.get(`${summary.namespace}/${summary.name}`);
      keptByName.delete(`${summary.namespace}/${summary.name}`);
      return { ...summary, logsKept: Boolean(k?.logs) };
    });
    const gone = [...keptByName.values()]
      .filter(k => readable(asJob(k.summary), jobs.kind))
      .map(k => k.summary);
    return [...live, ...gone];
  }

  /** The logs of a job's pods: live while they exist, kept ones after. */
  async logs(
    key: JobKey,
    credentials: BackstageCredentials,
  ): Promise<JobLogsResponse> {
    const { cluster, authz } = await authorizeOnCluster(
      this.deps,
      credentials,
      key.cluster,
      undefined,
      'read logs',
      [k8sOpsPodLogsPermission],
    );
    const podKind = (await this.deps.resources.target(key.cluster, 'pods'))
      .kind;
    const mayReadLogs = (pod: KubeObject) =>
      authz.allows(k8sOpsPodLogsPermission, { cluster, kind: podKind }, pod);
    const pods = (await this.livePods(key)).filter(mayReadLogs);
    if (pods.length > 0) {
      const impersonate = await this.deps.impersonator.impersonation(
        cluster,
        credentials,
      );
      return {
        source: 'live',
        pods: await this.readLogs(cluster, pods, impersonate),
      };
    }
    const kept = await this.deps.store.get(key);
    const stand_in: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: key.name,
        namespace: key.namespace,
        labels: { [JOB_NAME_LABEL]: key.name },
      },
    };
    if (!kept?.logs || !mayReadLogs(stand_in)) {
      throw new NotFoundError(
        `Job ${key.namespace}/${key.name} on cluster '${key.cluster}' has no pods and no kept logs`,
      );
    }
    return { source: 'kept', pods: kept.logs };
  }

  /** Deletes a job with its pods, keeping their logs first. */
  async delete(key: JobKey, ctx: AuditedRequest) {
    const kept = await this.deps.store.get(key);
    if (kept && !kept.logs) {
      await this.keepLogs(key).catch(error =>
        this.deps.logger.warn(
          `Could not keep the logs of job ${key.name}: ${error}`,
        ),
      );
    }
    return this.deps.changes.delete(
      { ...key, resource: 'jobs.batch' },
      'Background',
      ctx,
    );
  }

  /** Stops following every job, at shutdown. */
  stopAll() {
    this.following.forEach(stop => stop());
    this.following.clear();
  }

  private async follow(key: JobKey) {
    const id = `${key.cluster}/${key.namespace}/${key.name}`;
    const held = await this.deps.resources.hold(key.cluster, 'jobs.batch');
    let ending = false;
    const cleanups = [() => held.release(), () => this.following.delete(id)];
    const stop = () => cleanups.forEach(cleanup => cleanup());
    const unsubscribe = this.deps.cache.subscribe(change => {
      const { object } = change;
      if (
        ending ||
        change.cluster !== key.cluster ||
        change.resource !== 'jobs.batch' ||
        object.metadata.namespace !== key.namespace ||
        object.metadata.name !== key.name
      ) {
        return;
      }
      if (change.type === 'DELETED') {
        stop();
        return;
      }
      const conditions =
        (
          object.status as {
            conditions?: Array<{ type: string; status: string }>;
          }
        )?.conditions ?? [];
      if (
        conditions.some(
          c =>
            (c.type === 'Complete' || c.type === 'Failed') &&
            c.status === 'True',
        )
      ) {
        ending = true;
        this.keepLogs(key, object)
          .catch(error =>
            this.deps.logger.warn(
              `Could not keep the logs of job ${key.name}: ${error}`,
            ),
          )
          .finally(stop);
      }
    });
    cleanups.push(unsubscribe);
    this.following.set(id, stop);
  }

  /** Reads the logs of a job's pods and keeps them with its last state. */
  private async keepLogs(key: JobKey, job?: KubeObject) {
    const cluster = await this.deps.registry.get(key.cluster);
    const pods = await this.livePods(key);
    const current: KubeObject =
      job ??
      (await this.deps.resources.get({ ...key, resource: 'jobs.batch' }))
        .object;
    const logs = await this.readLogs(cluster, pods, undefined);
    await this.deps.store.update(
      { ...jobSummary(key.cluster, current, pods), logsKept: true },
      logs,
    );
  }

  private async livePods(key: JobKey): Promise<KubeObject[]> {
    const pods = await this.deps.resources.list({
      cluster: key.cluster,
      resource: 'pods',
      namespace: key.namespace,
      labelSelector: `${JOB_NAME_LABEL}=${key.name}`,
    });
    return pods.items;
  }

  private async readLogs(
    cluster: ClusterDefinition,
    pods: KubeObject[],
    impersonate: Awaited<ReturnType<Impersonator['impersonation']>>,
  ): Promise<JobLogsResponse['pods']> {
    const target = await this.deps.resources.target(cluster.name, 'pods');
    let budget = this.deps.config.maxLogBytes;
    const out: JobLogsResponse['pods'] = [];
    for (const pod of pods) {
      const containers =
        (pod.spec as { containers?: Array<{ name: string }> })?.containers ??
        [];
      for (const { name: container } of containers) {
        // One byte more than the budget tells whether the log was cut.
        const text = await target.client.requestText(
          `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/log`,
          {
            query: { container, limitBytes: Math.max(budget, 0) + 1 },
            impersonate,
          },
        );
        const bytes = Buffer.from(text);
        const kept = bytes.subarray(0, Math.max(budget, 0)).toString('utf8');
        budget -= Buffer.byteLength(kept);
        out.push({
          pod: pod.metadata.name ?? '',
          container,
          text: kept,
          ...(Buffer.byteLength(kept) < bytes.length
            ? { truncated: true }
            : {}),
        });
      }
    }
    return out;
  }
}

function podsOf(pods: KubeObject[], job: KubeObject) {
  return pods.filter(
    p =>
      p.metadata.namespace === job.metadata.namespace &&
      p.metadata.labels?.[JOB_NAME_LABEL] === job.metadata.name,
  );
}

function asJob(summary: JobSummary): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: summary.name,
      namespace: summary.namespace,
      labels: summary.runId ? { [RUN_ID_LABEL]: summary.runId } : {},
    },
  };
}
