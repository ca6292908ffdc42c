import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  ApplyResponse,
  CacheFreshness,
  KindDescriptor,
  KubeObject,
  parseFieldSelector,
  parseLabelSelector,
  K8sOpsObjectRef,
  ResourceListQuery,
  ResourceListResponse,
  RollbackResponse,
  ScaleResponse,
  SelectorSyntaxError,
  unifiedDiff,
  withoutServerFields,
} from '@k8s-ops/plugin-k8s-ops-common';
import { stringify } from 'yaml';
import { WatchCache } from '../cache/WatchCache';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { ClusterDefinition } from '../clusters/types';
import {
  collectionPath,
  DiscoveryCache,
  objectPath,
} from '../kube/DiscoveryCache';
import { Impersonation, KubeClient } from '../kube/KubeClient';
import { KubeClientFactory } from '../kube/KubeClientFactory';

/** The field manager of every change k8s-ops makes. */
export const FIELD_MANAGER = 'k8s-ops';

const DEFAULT_LIMIT = 500;

/** How a request reaches a cluster. */
export interface ResourceRequestOptions {
  /** Keeps only the objects the caller may see. */
  filter?: (object: KubeObject, kind: KindDescriptor) => boolean;
  /** On clusters that impersonate: the signed-in person. */
  impersonate?: Impersonation;
}

/** Names one object. */
export type ObjectRef = K8sOpsObjectRef;

/** A resolved target: the cluster, its client and the kind. */
export interface Target {
  cluster: ClusterDefinition;
  client: KubeClient;
  kind: KindDescriptor;
}

/**
 * The generic resource API over every cluster and kind: reads from the watch
 * cache (or, for clusters that impersonate, from the API server as the
 * person), writes to the API server. Knows nothing of permissions; see
 * AuthorizedResourceService.
 */
export class ResourceService {
  constructor(
    private readonly deps: {
      registry: ClusterRegistry;
      clients: KubeClientFactory;
      discovery: DiscoveryCache;
      cache: WatchCache;
      /** `k8sOps.readOnly`: refuse every mutation on every cluster. */
      readOnly: boolean;
    },
  ) {}

  async target(clusterName: string, resource: string): Promise<Target> {
    const cluster = await this.deps.registry.get(clusterName);
    const client = this.deps.clients.forCluster(cluster);
    const kind = await this.deps.discovery.resolve(client, resource);
    return { cluster, client, kind };
  }

  /** Starts watching a kind on a cluster, for the change stream. */
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
    request: { cluster: string; resource: string } & ResourceListQuery,
    options: ResourceRequestOptions = {},
  ): Promise<ResourceListResponse> {
    const target = await this.target(request.cluster, request.resource);
    const { kind } = target;
    const matchesLabels = selector(parseLabelSelector, request.labelSelector);
    const matchesFields = selector(parseFieldSelector, request.fieldSelector);
    const { objects, freshness } = await this.objectsOf(
      target,
      options,
      request.namespace,
    );
    const after = request.continue
      ? decodeContinue(request.continue)
      : undefined;
    const matching: KubeObject[] = [];
    for (const object of objects) {
      if (
        kind.namespaced &&
        request.namespace &&
        object.metadata.namespace !== request.namespace
      ) {
        continue;
      }
      if (
        matchesLabels(object.metadata.labels) &&
        matchesFields(object) &&
        (!options.filter || options.filter(object, kind))
      ) {
        matching.push(object);
      }
    }
    matching.sort(byNamespaceAndName);
    const start = after
      ? matching.findIndex(o => byNamespaceAndName(o, after) > 0)
      : 0;
    const limit = request.limit ?? DEFAULT_LIMIT;
    const page = start < 0 ? [] : matching.slice(start, start + limit);
    const last = page[page.length - 1];
    const more = start >= 0 && start + limit < matching.length;
    return {
      cluster: request.cluster,
      kind,
      items: page,
      continue: more && last ? encodeContinue(last) : undefined,
      total: matching.length,
      freshness,
    };
  }

  async get(
    ref: ObjectRef,
    options: ResourceRequestOptions = {},
  ): Promise<{ object: KubeObject; target: Target }> {
    const target = await this.target(ref.cluster, ref.resource);
    const namespace = this.namespaceFor(target.kind, ref.namespace);
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
    this.assertWritable(target.cluster);
    return target.client.request(
      collectionPath(
        target.kind,
        this.namespaceFor(target.kind, object.metadata.namespace),
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
    this.assertWritable(target.cluster);
    const name = object.metadata?.name;
    if (!name) {
      throw new InputError('The object needs metadata.name');
    }
    const namespace = this.namespaceFor(target.kind, object.metadata.namespace);
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
      object: result,
      dryRun: Boolean(options.dryRun),
      created: !live,
      diff: unifiedDiff(live ? toYaml(live) : '', toYaml(result), {
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
    this.assertWritable(target.cluster);
    return target.client.request(this.pathOf(target, ref), {
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: patch,
      query: { fieldManager: FIELD_MANAGER },
      impersonate: options.impersonate,
    });
  }

  async delete(
    target: Target,
    ref: ObjectRef,
    options: ResourceRequestOptions & {
      propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
    } = {},
  ): Promise<void> {
    this.assertWritable(target.cluster);
    await target.client.request(this.pathOf(target, ref), {
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
  ): Promise<ScaleResponse> {
    this.assertWritable(target.cluster);
    if (!target.kind.subresources.includes('scale')) {
      throw new InputError(
        `${target.kind.kind} cannot be scaled: it has no scale subresource`,
      );
    }
    const path = `${this.pathOf(target, ref)}/scale`;
    const scale = await target.client.request<{ spec: { replicas: number } }>(
      path,
      {
        method: 'PATCH',
        contentType: 'application/merge-patch+json',
        body: { spec: { replicas } },
        query: { fieldManager: FIELD_MANAGER },
        impersonate: options.impersonate,
      },
    );
    return { replicas: scale.spec.replicas };
  }

  /** Rolls a workload's pods, as `kubectl rollout restart` does. */
  async restart(
    target: Target,
    ref: ObjectRef,
    options: ResourceRequestOptions = {},
  ): Promise<KubeObject> {
    assertWorkload(target.kind, 'restarted');
    return this.patch(
      target,
      ref,
      {
        spec: {
          template: {
            metadata: {
              annotations: {
                'kubectl.kubernetes.io/restartedAt': new Date().toISOString(),
              },
            },
          },
        },
      },
      options,
    );
  }

  /**
   * Rolls a workload back to a previous revision (the one before the
   * current, unless a revision is given).
   */
  async rollback(
    target: Target,
    ref: ObjectRef,
    revision: number | undefined,
    options: ResourceRequestOptions = {},
  ): Promise<RollbackResponse> {
    assertWorkload(target.kind, 'rolled back');
    this.assertWritable(target.cluster);
    const namespace = this.namespaceFor(target.kind, ref.namespace)!;
    const workload = await target.client.request<KubeObject>(
      objectPath(target.kind, ref.name, namespace),
      { impersonate: options.impersonate },
    );
    const revisions = await this.revisionsOf(target, workload, options);
    if (revisions.length < 2 && revision === undefined) {
      throw new InputError(
        `${target.kind.kind} ${namespace}/${ref.name} has no previous revision to roll back to`,
      );
    }
    const chosen =
      revision === undefined
        ? revisions[revisions.length - 2]
        : revisions.find(r => r.revision === revision);
    if (!chosen) {
      throw new NotFoundError(
        `${target.kind.kind} ${namespace}/${
          ref.name
        } has no revision ${revision}; it has ${revisions
          .map(r => r.revision)
          .join(', ')}`,
      );
    }
    await target.client.request(objectPath(target.kind, ref.name, namespace), {
      method: 'PATCH',
      contentType: 'application/strategic-merge-patch+json',
      body: chosen.patch,
      query: { fieldManager: FIELD_MANAGER },
      impersonate: options.impersonate,
    });
    return { revision: chosen.revision };
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

  private async revisionsOf(
    target: Target,
    workload: KubeObject,
    options: ResourceRequestOptions,
  ): Promise<Array<{ revision: number; patch: object }>> {
    const namespace = workload.metadata.namespace!;
    const ownedBy = (o: KubeObject) =>
      o.metadata.ownerReferences?.some(r => r.uid === workload.metadata.uid);
    if (target.kind.kind === 'Deployment') {
      const sets = await target.client.request<{ items: KubeObject[] }>(
        `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/replicasets`,
        { impersonate: options.impersonate },
      );
      return sets.items
        .filter(ownedBy)
        .map(rs => {
          const template = structuredClone(
            (
              rs.spec as {
                template: { metadata?: { labels?: Record<string, string> } };
              }
            ).template,
          );
          delete template.metadata?.labels?.['pod-template-hash'];
          return {
            revision: Number(
              rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ??
                0,
            ),
            patch: { spec: { template } },
          };
        })
        .sort((a, b) => a.revision - b.revision);
    }
    const revisions = await target.client.request<{
      items: Array<KubeObject & { revision: number; data: object }>;
    }>(
      `/apis/apps/v1/namespaces/${encodeURIComponent(
        namespace,
      )}/controllerrevisions`,
      { impersonate: options.impersonate },
    );
    return revisions.items
      .filter(ownedBy)
      .map(r => ({ revision: r.revision, patch: r.data }))
      .sort((a, b) => a.revision - b.revision);
  }

  private async objectsOf(
    target: Target,
    options: ResourceRequestOptions,
    namespace: string | undefined,
  ): Promise<{ objects: Iterable<KubeObject>; freshness: CacheFreshness }> {
    if (!target.kind.verbs.includes('list')) {
      throw new InputError(`${target.kind.kind} cannot be listed`);
    }
    if (target.cluster.impersonate) {
      // Kubernetes decides what this person may see: never answer from a
      // cache filled with the portal's own view.
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

  /** The URL path of the object a request names. */
  private pathOf(target: Target, ref: ObjectRef) {
    return objectPath(
      target.kind,
      ref.name,
      this.namespaceFor(target.kind, ref.namespace),
    );
  }

  private namespaceFor(kind: KindDescriptor, namespace: string | undefined) {
    if (!kind.namespaced) {
      return undefined;
    }
    if (!namespace) {
      throw new InputError(`${kind.kind} is namespaced: give a namespace`);
    }
    return namespace;
  }

  private assertWritable(cluster: ClusterDefinition) {
    if (this.deps.readOnly) {
      throw new NotAllowedError(
        'k8s-ops is read-only (k8sOps.readOnly): every change to every cluster is refused',
      );
    }
    if (cluster.readOnly) {
      throw new NotAllowedError(
        `Cluster '${cluster.name}' is read-only: k8s-ops refuses every change to it`,
      );
    }
  }
}

function selector<T>(
  parse: (s: string | undefined) => T,
  text: string | undefined,
): T {
  try {
    return parse(text);
  } catch (error) {
    if (error instanceof SelectorSyntaxError) {
      throw new InputError(error.message);
    }
    throw error;
  }
}

function assertWorkload(kind: KindDescriptor, what: string) {
  if (
    !(
      kind.group === 'apps' &&
      ['Deployment', 'StatefulSet', 'DaemonSet'].includes(kind.kind)
    )
  ) {
    throw new InputError(
      `Only Deployments, StatefulSets and DaemonSets can be ${what}, not ${kind.kind}`,
    );
  }
}

function apiVersionOf(kind: KindDescriptor) {
  return kind.group ? `${kind.group}/${kind.version}` : kind.version;
}

function eventTime(event: KubeObject) {
  return (
    (event as { lastTimestamp?: string }).lastTimestamp ??
    (event as { eventTime?: string }).eventTime ??
    event.metadata.creationTimestamp
  );
}

function byNamespaceAndName(
  a: { metadata: { namespace?: string; name?: string } },
  b: { metadata: { namespace?: string; name?: string } },
) {
  const ns = (a.metadata.namespace ?? '').localeCompare(
    b.metadata.namespace ?? '',
  );
  return ns || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

function encodeContinue(object: KubeObject) {
  return Buffer.from(
    JSON.stringify([object.metadata.namespace ?? '', object.metadata.name]),
  ).toString('base64url');
}

function decodeContinue(token: string) {
  try {
    const [namespace, name] = JSON.parse(
      Buffer.from(token, 'base64url').toString('utf8'),
    );
    if (typeof namespace === 'string' && typeof name === 'string') {
      return { metadata: { namespace, name } };
    }
  } catch {
    // Reported below.
  }
  throw new InputError(
    "Invalid 'continue': pass the continue value of the previous page unchanged",
  );
}

/** An object as YAML for a diff, without what the server alone maintains. */
function toYaml(object: KubeObject): string {
  return stringify(withoutServerFields(object), { sortMapEntries: false });
}
