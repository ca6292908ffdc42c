import { InputError, NotFoundError } from '@backstage/errors';
import {
  apiVersionOf,
  ApplyResponse,
  CacheFreshness,
  KubeObject,
  ResourceListResponse,
  unifiedDiff,
} from '@k8s-ops/plugin-k8s-ops-common';
import { toCached } from '../cache/applyWatchEvent';
import { WatchCache } from '../cache/WatchCache';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { ClusterDefinition } from '../clusters/types';
import { DiscoveryCache } from '../kube/DiscoveryCache';
import { KubeClientFactory } from '../kube/KubeClientFactory';
import { collectionPath, objectPath } from '../kube/paths';
import { listPage, ListQuery } from './listPage';
import { objectYaml } from './objectYaml';
import {
  assertWritable,
  FIELD_MANAGER,
  namespaceFor,
  ObjectRef,
  pathOf,
  ResourceRequestOptions,
  sendPatch,
  Target,
} from './targets';
import { WorkloadRollouts } from './WorkloadRollouts';

export { FIELD_MANAGER } from './targets';
export type { ObjectRef, ResourceRequestOptions, Target } from './targets';

/**
 * The generic resource API over every cluster and kind: reads from the watch
 * cache (or, for clusters that impersonate, from the API server as the
 * person), writes to the API server. Knows nothing of permissions; see
 * AuthorizedResourceService.
 */
export class ResourceService {
  private readonly rollouts: WorkloadRollouts;

  constructor(
    private readonly deps: {
      registry: ClusterRegistry;
      clients: KubeClientFactory;
      discovery: DiscoveryCache;
      cache: WatchCache;
      /** `k8sOps.readOnly`: refuse every mutation on every cluster. */
      readOnly: boolean;
    },
  ) {
    this.rollouts = new WorkloadRollouts({ readOnly: deps.readOnly });
  }

  async target(
    clusterName: string,
    resource: string,
    definition?: ClusterDefinition,
  ): Promise<Target> {
    const cluster =
      definition?.name === clusterName
        ? definition
        : await this.deps.registry.get(clusterName);
    const client = this.deps.clients.forCluster(cluster);
    const kind = await this.deps.discovery.resolve(client, resource);
    return { cluster, client, kind };
  }

  /**
   * Starts watching a kind on a cluster and keeps the watch until the
   * answered `release` is called.
   */
  async hold(
    clusterName: string,
    resource: string,
  ): Promise<{ target: Target; release: () => void }> {
    const target = await this.target(clusterName, resource);
    const release = this.deps.cache.hold(target.client, target.kind);
    return { target, release };
  }

  async targetOf(clusterName: string, object: KubeObject): Promise<Target> {
    if (!object.apiVersion || !object.kind) {
      throw new InputError('The object needs apiVersion and kind');
    }
    const cluster = await this.deps.registry.get(clusterName);
    const client = this.deps.clients.forCluster(cluster);
    const kind = await this.deps.discovery.resolveObjectKind(
      client,
      object.apiVersion,
      object.kind,
    );
    return { cluster, client, kind };
  }

  async list(
    request: ListQuery & { cluster: string; resource: string },
    options: ResourceRequestOptions = {},
  ): Promise<ResourceListResponse> {
    const target = await this.target(
      request.cluster,
      request.resource,
      options.definition,
    );
    const { objects, freshness } = await this.objectsOf(
      target,
      options,
      request.namespace,
    );
    return {
      cluster: request.cluster,
      kind: target.kind,
      ...listPage(objects, target.kind, request, options.filter),
      freshness,
    };
  }

  /**
   * Every object of a kind (in a namespace, or all) as the cache holds it,
   * unfiltered and unpaged; for graphs over many kinds.
   */
  async objects(
    clusterName: string,
    resource: string,
    namespace: string | undefined,
    options: ResourceRequestOptions = {},
  ): Promise<{ target: Target; objects: KubeObject[] }> {
    const target = await this.target(clusterName, resource);
    const { objects } = await this.objectsOf(target, options, namespace);
    const inNamespace = [...objects].filter(
      o =>
        !namespace ||
        !target.kind.namespaced ||
        o.metadata.namespace === namespace,
    );
    return { target, objects: inNamespace };
  }

  async get(
    ref: ObjectRef,
    options: ResourceRequestOptions = {},
  ): Promise<{ object: KubeObject; target: Target }> {
    const target = await this.target(ref.cluster, ref.resource);
    const namespace = namespaceFor(target.kind, ref.namespace);
    const { objects } = await this.objectsOf(target, options, namespace);
    for (const object of objects) {
      if (
        object.metadata.name === ref.name &&
        (!target.kind.namespaced || object.metadata.namespace === namespace)
      ) {
        return { object, target };
      }
    }
    throw new NotFoundError(
      `${target.kind.kind} ${namespace ? `${namespace}/` : ''}${
        ref.name
      } not found on cluster '${ref.cluster}'`,
    );
  }

  async create(
    target: Target,
    object: KubeObject,
    options: ResourceRequestOptions & { dryRun?: boolean } = {},
  ): Promise<KubeObject> {
    assertWritable(target.cluster, this.deps.readOnly);
    const created = await target.client.request<KubeObject>(
      collectionPath(
        target.kind,
        namespaceFor(target.kind, object.metadata.namespace),
      ),
      {
        method: 'POST',
        body: object,
        query: {
          fieldManager: FIELD_MANAGER,
          dryRun: options.dryRun ? 'All' : undefined,
        },
        impersonate: options.impersonate,
      },
    );
    return toCached(created);
  }

  /**
   * Server-side apply. With `dryRun`, nothing is stored: the answer is what
   * the object would become, and the diff against the live object.
   */
  async apply(
    target: Target,
    object: KubeObject,
    options: ResourceRequestOptions & {
      dryRun?: boolean;
      force?: boolean;
    } = {},
  ): Promise<ApplyResponse> {
    assertWritable(target.cluster, this.deps.readOnly);
    const name = object.metadata?.name;
    if (!name) {
      throw new InputError('The object needs metadata.name');
    }
    const namespace = namespaceFor(target.kind, object.metadata.namespace);
    const path = objectPath(target.kind, name, namespace);
    const live = await target.client
      .request<KubeObject>(path, { impersonate: options.impersonate })
      .catch(error => {
        if (error instanceof NotFoundError) {
          return undefined;
        }
        throw error;
      });
    const result = await target.client.request<KubeObject>(path, {
      method: 'PATCH',
      contentType: 'application/apply-patch+yaml',
      body: { ...object, metadata: { ...object.metadata, namespace } },
      query: {
        fieldManager: FIELD_MANAGER,
        force: options.force ? true : undefined,
        dryRun: options.dryRun ? 'All' : undefined,
      },
      impersonate: options.impersonate,
    });
    return {
      // As every other read answers it: managed fields are bookkeeping.
      object: toCached(result),
      dryRun: Boolean(options.dryRun),
      created: !live,
      diff: unifiedDiff(live ? objectYaml(live) : '', objectYaml(result), {
        before: live ? 'live' : '(none)',
        after: options.dryRun ? 'applied (dry run)' : 'applied',
      }),
    };
  }

  /** JSON merge patch. */
  async patch(
    target: Target,
    ref: ObjectRef,
    patch: object,
    options: ResourceRequestOptions = {},
  ): Promise<KubeObject> {
    assertWritable(target.cluster, this.deps.readOnly);
    return toCached(
      await sendPatch<KubeObject>(
        target,
        pathOf(target, ref),
        { contentType: 'application/merge-patch+json', body: patch },
        options,
      ),
    );
  }

  async delete(
    target: Target,
    ref: ObjectRef,
    options: ResourceRequestOptions & {
      propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
    } = {},
  ): Promise<void> {
    assertWritable(target.cluster, this.deps.readOnly);
    await target.client.request(pathOf(target, ref), {
      method: 'DELETE',
      body: {
        kind: 'DeleteOptions',
        apiVersion: 'v1',
        propagationPolicy: options.propagationPolicy ?? 'Background',
      },
      impersonate: options.impersonate,
    });
  }

  async scale(
    target: Target,
    ref: ObjectRef,
    replicas: number,
    options: ResourceRequestOptions = {},
  ): Promise<{ replicas: number }> {
    assertWritable(target.cluster, this.deps.readOnly);
    if (!target.kind.subresources.includes('scale')) {
      throw new InputError(
        `${target.kind.kind} cannot be scaled: it has no scale subresource`,
      );
    }
    const scale = await sendPatch<{ spec: { replicas: number } }>(
      target,
      `${pathOf(target, ref)}/scale`,
      {
        contentType: 'application/merge-patch+json',
        body: { spec: { replicas } },
      },
      options,
    );
    return { replicas: scale.spec.replicas };
  }

  /** Rolls a workload's pods, as `kubectl rollout restart` does. */
  restart(
    target: Target,
    ref: ObjectRef,
    options: ResourceRequestOptions = {},
  ): Promise<KubeObject> {
    return this.rollouts.restart(target, ref, options);
  }

  /**
   * Rolls a workload back to a previous revision (the one before the
   * current, unless a revision is given); see `WorkloadRollouts.rollback`.
   */
  rollback(
    target: Target,
    ref: ObjectRef,
    revision: number | undefined,
    options: ResourceRequestOptions = {},
  ): Promise<{ revision: number }> {
    return this.rollouts.rollback(target, ref, revision, options);
  }

  async events(
    ref: ObjectRef,
    options: ResourceRequestOptions = {},
  ): Promise<KubeObject[]> {
    const { object, target } = await this.get(ref, options);
    const namespace = object.metadata.namespace;
    const list = await target.client.request<{ items: KubeObject[] }>(
      namespace
        ? `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`
        : '/api/v1/events',
      {
        query: { fieldSelector: `involvedObject.uid=${object.metadata.uid}` },
        impersonate: options.impersonate,
      },
    );
    return list.items.sort((a, b) =>
      String(eventTime(a)).localeCompare(String(eventTime(b))),
    );
  }

  private async objectsOf(
    target: Target,
    options: ResourceRequestOptions,
    namespace: string | undefined,
  ): Promise<{ objects: Iterable<KubeObject>; freshness: CacheFreshness }> {
    if (!target.kind.verbs.includes('list')) {
      throw new InputError(`${target.kind.kind} cannot be listed`);
    }
    // Kubernetes decides what this person may see: never answer from a
    // cache filled with the portal's own view. A kind that cannot be watched
    // (ComponentStatus) is read afresh each time, so it is never stale.
    if (target.cluster.impersonate || !target.kind.verbs.includes('watch')) {
      const list = await target.client.request<{ items: KubeObject[] }>(
        collectionPath(target.kind, namespace),
        { impersonate: options.impersonate },
      );
      return {
        objects: list.items.map(item => ({
          ...item,
          apiVersion: apiVersionOf(target.kind),
          kind: target.kind.kind,
        })),
        freshness: { live: true, syncedAt: new Date().toISOString() },
      };
    }
    const watcher = this.deps.cache.watcher(target.client, target.kind);
    await watcher.ready();
    return { objects: watcher.objects(), freshness: watcher.freshness() };
  }
}

function eventTime(event: KubeObject) {
  return (
    (event as { lastTimestamp?: string }).lastTimestamp ??
    (event as { eventTime?: string }).eventTime ??
    event.metadata.creationTimestamp
  );
}
