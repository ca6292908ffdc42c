import {
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  ApplyResponse,
  ChangesQuery,
  ClusterWorkloads,
  DeleteResourceOptions,
  DeleteResponse,
  K8S_OPS_RESOURCE_TYPE,
  k8sOpsClusterReadPermission,
  k8sOpsResourceCreatePermission,
  k8sOpsResourceDeletePermission,
  k8sOpsResourceReadPermission,
  k8sOpsResourceUpdatePermission,
  k8sOpsSecretRevealPermission,
  KindDescriptor,
  KubeObject,
  parseLabelSelector,
  ResourceChange,
  ResourceListResponse,
  resourceNameOf,
  RestartResponse,
  RollbackResponse,
  ScaleResponse,
  WORKLOAD_RESOURCES,
  WorkloadsQuery,
  WorkloadsResponse,
} from '@k8s-ops/plugin-k8s-ops-common';
import { Request } from 'express';
import { AuditLog, AuditTarget } from '../audit/AuditLog';
import { ObservedChange } from '../changes/ChangeHub';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { ClusterDefinition } from '../clusters/types';
import { Impersonation } from '../kube/KubeClient';
import {
  clusterResourceRef,
  objectFacts as facts,
  ObjectFacts,
  objectResourceRef,
} from '../permissions/resources';
import { isSecret, maskSecret } from './maskSecret';
import { ObjectRef, ResourceService, Target } from './ResourceService';

type ResourcePerm = ResourcePermission<typeof K8S_OPS_RESOURCE_TYPE>;

/** Who asks for a change, and the request, for the audit trail. */
export interface MutationContext {
  credentials: BackstageCredentials;
  request: Request;
}

/**
 * The resource API as one person may use it. One conditional authorization
 * per request; its conditions become a filter, so a denied list is empty and
 * a denied object is refused. Secret values are masked unless the person
 * may reveal them. On clusters that impersonate, every call carries the
 * person's identity.
 */
export class AuthorizedResourceService {
  /** Whether a decision allows an object (conditions evaluated on its facts). */
  private readonly objectAllowed: (
    decision: PolicyDecision,
    facts: ObjectFacts,
  ) => boolean;
  private readonly clusterAllowed: (
    decision: PolicyDecision,
    facts: { name: string; group?: string; labels: Record<string, string> },
  ) => boolean;

  constructor(
    private readonly deps: {
      resources: ResourceService;
      registry: ClusterRegistry;
      permissions: PermissionsService;
      permissionsRegistry: PermissionsRegistryService;
      userInfo: UserInfoService;
      audit: AuditLog;
    },
  ) {
    this.objectAllowed = createConditionAuthorizer(
      deps.permissionsRegistry.getPermissionRuleset(objectResourceRef),
    );
    this.clusterAllowed = createConditionAuthorizer(
      deps.permissionsRegistry.getPermissionRuleset(clusterResourceRef),
    );
  }

  async list(
    request: Parameters<ResourceService['list']>[0],
    credentials: BackstageCredentials,
  ): Promise<ResourceListResponse> {
    const cluster = await this.deps.registry.get(request.cluster);
    const [read, reveal] = await this.decide(
      [k8sOpsResourceReadPermission, k8sOpsSecretRevealPermission],
      credentials,
    );
    const result = await this.deps.resources.list(request, {
      filter: (object, kind) =>
        this.objectAllowed(read, facts(cluster, kind, object)),
      impersonate: await this.impersonation(cluster, credentials),
    });
    return {
      ...result,
      items: result.items.map(o =>
        this.reveal(reveal, cluster, result.kind, o),
      ),
    };
  }

  async get(
    ref: ObjectRef,
    credentials: BackstageCredentials,
  ): Promise<KubeObject> {
    const cluster = await this.deps.registry.get(ref.cluster);
    const [read, reveal] = await this.decide(
      [k8sOpsResourceReadPermission, k8sOpsSecretRevealPermission],
      credentials,
    );
    const { object, target } = await this.deps.resources.get(ref, {
      impersonate: await this.impersonation(cluster, credentials),
    });
    if (!this.objectAllowed(read, facts(cluster, target.kind, object))) {
      throw new NotAllowedError(
        `You may not read ${describe(target.kind, object)} on cluster '${
          cluster.name
        }'`,
      );
    }
    return this.reveal(reveal, cluster, target.kind, object);
  }

  async events(ref: ObjectRef, credentials: BackstageCredentials) {
    await this.get(ref, credentials);
    const cluster = await this.deps.registry.get(ref.cluster);
    return this.deps.resources.events(ref, {
      impersonate: await this.impersonation(cluster, credentials),
    });
  }

  async create(
    clusterName: string,
    object: KubeObject,
    options: { dryRun?: boolean },
    ctx: MutationContext,
  ): Promise<KubeObject> {
    return this.audited(
      ctx,
      'resource-create',
      targetOf(clusterName, object),
      options.dryRun,
      async () => {
        const target = await this.deps.resources.targetOf(clusterName, object);
        await this.assert(
          k8sOpsResourceCreatePermission,
          'create',
          target,
          object,
          ctx,
        );
        return this.deps.resources.create(target, object, {
          ...options,
          impersonate: await this.impersonation(
            target.cluster,
            ctx.credentials,
          ),
        });
      },
      () => 'created',
    );
  }

  async apply(
    clusterName: string,
    object: KubeObject,
    options: { dryRun?: boolean; force?: boolean },
    ctx: MutationContext,
  ): Promise<ApplyResponse> {
    return this.audited(
      ctx,
      'resource-apply',
      targetOf(clusterName, object),
      options.dryRun,
      async () => {
        const target = await this.deps.resources.targetOf(clusterName, object);
        const impersonate = await this.impersonation(
          target.cluster,
          ctx.credentials,
        );
        const live = await this.deps.resources
          .get(
            {
              cluster: clusterName,
              resource: resourceOf(target.kind),
              name: object.metadata?.name ?? '',
              namespace: object.metadata?.namespace,
            },
            { impersonate },
          )
          .then(found => found.object)
          .catch(error => {
            if (error instanceof NotFoundError) {
              return undefined;
            }
            throw error;
          });
        if (live) {
          // Both what it is and what it would become must be allowed, so a
          // change cannot move an object out of what a person may touch.
          await this.assert(
            k8sOpsResourceUpdatePermission,
            'change',
            target,
            live,
            ctx,
          );
          await this.assert(
            k8sOpsResourceUpdatePermission,
            'change',
            target,
            object,
            ctx,
          );
        } else {
          await this.assert(
            k8sOpsResourceCreatePermission,
            'create',
            target,
            object,
            ctx,
          );
        }
        const result = await this.deps.resources.apply(target, object, {
          ...options,
          impersonate,
        });
        const [reveal] = await this.decide(
          [k8sOpsSecretRevealPermission],
          ctx.credentials,
        );
        if (
          isSecret(result.object) &&
          !this.objectAllowed(
            reveal,
            facts(target.cluster, target.kind, result.object),
          )
        ) {
          // The diff of a Secret would show its values.
          return { ...result, object: maskSecret(result.object), diff: '' };
        }
        return result;
      },
      result =>
        result.created
          ? 'created'
          : `applied, ${changedLines(result.diff)} lines changed`,
    );
  }

  async patch(ref: ObjectRef, patch: object, ctx: MutationContext) {
    return this.changeExisting(
      { ctx, ref, action: 'resource-patch', verb: 'change' },
      (target, options) =>
        this.deps.resources.patch(target, ref, patch, options),
      () => `merge patch of ${Object.keys(patch).join(', ')}`,
    );
  }

  async delete(
    ref: ObjectRef,
    propagationPolicy: DeleteResourceOptions['propagationPolicy'],
    ctx: MutationContext,
  ): Promise<DeleteResponse> {
    return this.changeExisting(
      {
        ctx,
        ref,
        action: 'resource-delete',
        verb: 'delete',
        permission: k8sOpsResourceDeletePermission,
      },
      async (target, options) => {
        await this.deps.resources.delete(target, ref, {
          ...options,
          propagationPolicy,
        });
        return { deleted: true };
      },
      () => `deleted, propagation ${propagationPolicy ?? 'Background'}`,
    );
  }

  async scale(
    ref: ObjectRef,
    replicas: number,
    ctx: MutationContext,
  ): Promise<ScaleResponse> {
    return this.changeExisting(
      { ctx, ref, action: 'resource-scale', verb: 'scale' },
      (target, options) =>
        this.deps.resources.scale(target, ref, replicas, options),
      () => `replicas → ${replicas}`,
    );
  }

  async restart(
    ref: ObjectRef,
    ctx: MutationContext,
  ): Promise<RestartResponse> {
    return this.changeExisting(
      { ctx, ref, action: 'resource-restart', verb: 'restart' },
      async (target, options) => {
        await this.deps.resources.restart(target, ref, options);
        return { restarted: true };
      },
      () => 'rollout restart',
    );
  }

  async rollback(
    ref: ObjectRef,
    revision: number | undefined,
    ctx: MutationContext,
  ): Promise<RollbackResponse> {
    return this.changeExisting(
      { ctx, ref, action: 'resource-rollback', verb: 'roll back' },
      (target, options) =>
        this.deps.resources.rollback(target, ref, revision, options),
      result => `rolled back to revision ${result.revision}`,
    );
  }

  /**
   * A change to an object that exists: audited, and allowed only when the
   * live object is one the person may change.
   */
  private changeExisting<T>(
    change: {
      ctx: MutationContext;
      ref: ObjectRef;
      action: string;
      verb: string;
      permission?: ResourcePerm;
    },
    fn: (
      target: Target,
      options: { impersonate?: Impersonation },
    ) => Promise<T>,
    summary: (result: T) => string,
  ): Promise<T> {
    const { ctx, ref } = change;
    const auditTarget = refTarget(ref);
    return this.audited(
      ctx,
      change.action,
      auditTarget,
      false,
      async () => {
        const cluster = await this.deps.registry.get(ref.cluster);
        const impersonate = await this.impersonation(cluster, ctx.credentials);
        const { object, target } = await this.deps.resources.get(ref, {
          impersonate,
        });
        // The audit row names the kind, not what was typed in the URL.
        auditTarget.kind = target.kind.kind;
        await this.assert(
          change.permission ?? k8sOpsResourceUpdatePermission,
          change.verb,
          target,
          object,
          ctx,
        );
        return fn(target, { impersonate });
      },
      summary,
    );
  }

  /**
   * Runs a change through the audit trail (dry runs change nothing and are
   * not recorded).
   */
  private audited<T>(
    ctx: MutationContext,
    action: string,
    target: AuditTarget,
    dryRun: boolean | undefined,
    fn: () => Promise<T>,
    summary: (result: T) => string,
  ): Promise<T> {
    if (dryRun) {
      return fn();
    }
    return this.deps.audit.track(
      {
        action,
        request: ctx.request,
        credentials: ctx.credentials,
        target,
        summary,
      },
      fn,
    );
  }

  /**
   * Prepares a change stream for one person: starts the watchers of the
   * asked kinds on the asked (or every visible) cluster, and answers the
   * filter that passes a change on, masked, only when the person may see
   * the object. Clusters that impersonate are left out: their objects are
   * not watched with the portal's credentials.
   */
  async changeFilter(
    request: ChangesQuery,
    credentials: BackstageCredentials,
  ): Promise<{
    filter: (change: ObservedChange) => ResourceChange | undefined;
    /** Lets the watches behind the stream be evicted again. */
    release: () => void;
  }> {
    const [clusterRead, read, reveal] = await this.decide(
      [
        k8sOpsClusterReadPermission,
        k8sOpsResourceReadPermission,
        k8sOpsSecretRevealPermission,
      ],
      credentials,
    );
    const visible = (await this.deps.registry.list()).filter(
      c =>
        !c.impersonate &&
        this.clusterAllowed(clusterRead, c) &&
        (!request.clusters?.length || request.clusters.includes(c.name)),
    );
    const kinds = new Map<
      string,
      { cluster: ClusterDefinition; kind: KindDescriptor }
    >();
    const matchesLabels = parseLabelSelector(request.labelSelector);
    const releases: Array<() => void> = [];
    const release = () => releases.forEach(r => r());
    for (const cluster of visible) {
      for (const resource of request.resources) {
        const held = await this.deps.resources
          .hold(cluster.name, resource)
          .catch(error => {
            release();
            throw error;
          });
        releases.push(held.release);
        const target = held.target;
        kinds.set(`${cluster.name}|${resourceNameOf(target.kind)}`, {
          cluster,
          kind: target.kind,
        });
      }
    }
    const shows = (
      entry: { cluster: ClusterDefinition; kind: KindDescriptor },
      object: KubeObject,
    ) =>
      (!request.namespace ||
        !entry.kind.namespaced ||
        object.metadata.namespace === request.namespace) &&
      matchesLabels(object.metadata.labels) &&
      this.objectAllowed(read, facts(entry.cluster, entry.kind, object));
    const filter = (change: ObservedChange): ResourceChange | undefined => {
      const entry = kinds.get(`${change.cluster}|${change.resource}`);
      if (!entry) {
        return undefined;
      }
      const { type, cluster, resource, object, previous } = change;
      const send = (t: ResourceChange['type'], o: KubeObject) => ({
        type: t,
        cluster,
        resource,
        object: this.reveal(reveal, entry.cluster, entry.kind, o),
      });
      if (shows(entry, object)) {
        return send(type, object);
      }
      // An object that no longer matches (relabelled, or out of the
      // person's reach) leaves the subscriber's view.
      if (type === 'MODIFIED' && previous && shows(entry, previous)) {
        return send('DELETED', previous);
      }
      return undefined;
    };
    return { filter, release };
  }

  /**
   * The workloads of a catalog entity on every cluster the person may see.
   * A cluster that cannot answer says why; the others still answer.
   */
  async workloads(
    request: WorkloadsQuery,
    credentials: BackstageCredentials,
  ): Promise<WorkloadsResponse> {
    const [clusterRead, read, reveal] = await this.decide(
      [
        k8sOpsClusterReadPermission,
        k8sOpsResourceReadPermission,
        k8sOpsSecretRevealPermission,
      ],
      credentials,
    );
    const clusters = (await this.deps.registry.list()).filter(c =>
      this.clusterAllowed(clusterRead, c),
    );
    const answers = await Promise.all(
      clusters.map(async (cluster): Promise<ClusterWorkloads> => {
        const base = {
          cluster: cluster.name,
          title: cluster.title,
          group: cluster.group,
          readOnly: cluster.readOnly,
          resources: {} as Record<string, KubeObject[]>,
        };
        try {
          const impersonate = await this.impersonation(cluster, credentials);
          for (const resource of WORKLOAD_RESOURCES) {
            const list = await this.deps.resources.list(
              {
                cluster: cluster.name,
                resource,
                namespace: request.namespace,
                labelSelector: request.labelSelector,
              },
              {
                filter: (object, kind) =>
                  this.objectAllowed(read, facts(cluster, kind, object)),
                impersonate,
              },
            );
            base.resources[resource] = list.items.map(o =>
              this.reveal(reveal, cluster, list.kind, o),
            );
            (base as ClusterWorkloads).freshness ??= list.freshness;
          }
          return base;
        } catch (error) {
          return {
            ...base,
            error: error instanceof Error ? error.message : String(error),
          };
        }
      }),
    );
    return { ...request, clusters: answers };
  }

  private async assert(
    permission: ResourcePerm,
    verb: string,
    target: Target,
    object: KubeObject,
    ctx: MutationContext,
  ) {
    const [decision] = await this.decide([permission], ctx.credentials);
    if (
      !this.objectAllowed(decision, facts(target.cluster, target.kind, object))
    ) {
      throw new NotAllowedError(
        `You may not ${verb} ${describe(target.kind, object)} on cluster '${
          target.cluster.name
        }'`,
      );
    }
  }

  private async decide(
    permissions: Array<ResourcePermission<string>>,
    credentials: BackstageCredentials,
  ): Promise<PolicyDecision[]> {
    return this.deps.permissions.authorizeConditional(
      permissions.map(permission => ({ permission })) as never,
      { credentials },
    );
  }

  private reveal(
    decision: PolicyDecision,
    cluster: ClusterDefinition,
    kind: KindDescriptor,
    object: KubeObject,
  ): KubeObject {
    return isSecret(object) &&
      !this.objectAllowed(decision, facts(cluster, kind, object))
      ? maskSecret(object)
      : object;
  }

  private async impersonation(
    cluster: ClusterDefinition,
    credentials: BackstageCredentials,
  ): Promise<Impersonation | undefined> {
    if (!cluster.impersonate) {
      return undefined;
    }
    const principal = credentials.principal as { type?: string };
    if (principal.type !== 'user') {
      throw new NotAllowedError(
        `Cluster '${cluster.name}' acts as the signed-in person; sign in to use it`,
      );
    }
    const info = await this.deps.userInfo.getUserInfo(credentials);
    return { user: info.userEntityRef, groups: info.ownershipEntityRefs };
  }
}

function targetOf(cluster: string, object: KubeObject): AuditTarget {
  return {
    cluster,
    namespace: object?.metadata?.namespace,
    kind: object?.kind,
    name: object?.metadata?.name,
  };
}

function refTarget(ref: ObjectRef): AuditTarget {
  return {
    cluster: ref.cluster,
    namespace: ref.namespace,
    kind: ref.resource,
    name: ref.name,
  };
}

function changedLines(diff: string) {
  return diff.split('\n').filter(l => /^[-+][^-+]/.test(l)).length;
}

function describe(kind: KindDescriptor, object: KubeObject) {
  const ns = object.metadata?.namespace;
  return `${kind.kind} ${ns ? `${ns}/` : ''}${object.metadata?.name ?? ''}`;
}

function resourceOf(kind: KindDescriptor) {
  return kind.group
    ? `${kind.resource}.${kind.version}.${kind.group}`
    : kind.resource;
}
