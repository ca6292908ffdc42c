import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  ApplyResponse,
  DeleteResponse,
  k8sOpsClusterReadPermission,
  RestartResponse,
  k8sOpsResourceCreatePermission,
  k8sOpsResourceDeletePermission,
  k8sOpsResourceReadPermission,
  k8sOpsResourceUpdatePermission,
  KubeObject,
} from '@k8s-ops/plugin-k8s-ops-common';
import { AuditedRequest, AuditLog, AuditTarget } from '../audit/AuditLog';
import { ClusterDefinition } from '../clusters/types';
import { requirePerson } from '../permissions/authorizeBasic';
import { Impersonator } from '../permissions/Impersonator';
import { isSecret, maskSecret, refuseMasked } from '../permissions/maskSecret';
import {
  describeObject,
  RequestAuthorization,
  RequestAuthorizer,
} from '../permissions/RequestAuthorizer';
import {
  AuthorizedResourceService,
  describeRef,
  mayRead,
  qualifiedResource,
  refTarget,
} from './AuthorizedResourceService';
import { ObjectRef, ResourceService, Target } from './ResourceService';

type Impersonation = Awaited<ReturnType<Impersonator['impersonation']>>;

/**
 * Changes to objects as one person may make them: each needs a person (not
 * a service token), is refused on a read-only cluster before anything is
 * looked up, is checked against the object as it is (and, for an apply, as
 * it would become), and is audited, refusals included. Dry runs are not
 * recorded.
 */
export class AuthorizedResourceChanges {
  constructor(
    private readonly deps: {
      resources: ResourceService;
      reads: AuthorizedResourceService;
      authorizer: RequestAuthorizer;
      impersonator: Impersonator;
      audit: AuditLog;
      /** `k8sOps.readOnly`, for the reason of a refusal. */
      readOnly: boolean;
    },
  ) {}

  async create(
    clusterName: string,
    object: KubeObject,
    options: { dryRun?: boolean },
    ctx: AuditedRequest,
  ): Promise<KubeObject> {
    return this.sendObject(
      ctx,
      { action: 'resource-create', dryRun: options.dryRun, status: 201 },
      clusterName,
      object,
      [k8sOpsResourceCreatePermission],
      async (target, impersonate, authz) => {
        authz.assert(k8sOpsResourceCreatePermission, 'create', target, object);
        const created = await this.deps.resources.create(target, object, {
          ...options,
          impersonate,
        });
        return maskSecrets(created);
      },
      () => 'created',
    );
  }

  async apply(
    clusterName: string,
    object: KubeObject,
    options: { dryRun?: boolean; force?: boolean },
    ctx: AuditedRequest,
  ): Promise<ApplyResponse> {
    return this.sendObject(
      ctx,
      { action: 'resource-apply', dryRun: options.dryRun },
      clusterName,
      object,
      [
        k8sOpsResourceReadPermission,
        k8sOpsResourceCreatePermission,
        k8sOpsResourceUpdatePermission,
      ],
      async (target, impersonate, authz) => {
        const live = await this.deps.resources
          .get(
            {
              cluster: clusterName,
              resource: qualifiedResource(target.kind),
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
        if (live && !mayRead(authz, target, live)) {
          // Refused as a create would be: nothing tells that it exists.
          throw new NotAllowedError(
            `You may not create ${describeObject(
              target.kind,
              object,
            )} on cluster '${target.cluster.name}'`,
          );
        }
        if (live) {
          // Both what it is and what it would become must be allowed, so a
          // change cannot move an object out of what a person may touch.
          authz.assert(k8sOpsResourceUpdatePermission, 'change', target, live);
          authz.assert(
            k8sOpsResourceUpdatePermission,
            'change',
            target,
            object,
          );
        } else {
          authz.assert(
            k8sOpsResourceCreatePermission,
            'create',
            target,
            object,
          );
        }
        const result = await this.deps.resources.apply(target, object, {
          ...options,
          impersonate,
        });
        return isSecret(result.object)
          ? // The diff of a Secret would show its values.
            { ...result, object: maskSecret(result.object), diff: '' }
          : result;
      },
      result =>
        result.created
          ? 'created'
          : `applied, ${changedLines(result.diff)} lines changed`,
    );
  }

  async patch(ref: ObjectRef, patch: object, ctx: AuditedRequest) {
    return this.changeExisting(
      ctx,
      ref,
      { action: 'resource-patch', verb: 'change' },
      async (target, options) =>
        maskSecrets(
          await this.deps.resources.patch(target, ref, patch, options),
        ),
      () => `merge patch of ${Object.keys(patch).join(', ')}`,
    );
  }

  async delete(
    ref: ObjectRef,
    propagationPolicy: 'Foreground' | 'Background' | 'Orphan' | undefined,
    ctx: AuditedRequest,
  ) {
    return this.changeExisting(
      ctx,
      ref,
      {
        action: 'resource-delete',
        verb: 'delete',
        permission: k8sOpsResourceDeletePermission,
      },
      async (target, options) => {
        await this.deps.resources.delete(target, ref, {
          ...options,
          propagationPolicy,
        });
        const deleted: DeleteResponse = { deleted: true };
        return deleted;
      },
      () => `deleted, propagation ${propagationPolicy ?? 'Background'}`,
    );
  }

  async scale(ref: ObjectRef, replicas: number, ctx: AuditedRequest) {
    return this.changeExisting(
      ctx,
      ref,
      { action: 'resource-scale', verb: 'scale' },
      (target, options) =>
        this.deps.resources.scale(target, ref, replicas, options),
      () => `replicas → ${replicas}`,
    );
  }

  async restart(ref: ObjectRef, ctx: AuditedRequest) {
    return this.changeExisting(
      ctx,
      ref,
      { action: 'resource-restart', verb: 'restart' },
      async (target, options) => {
        await this.deps.resources.restart(target, ref, options);
        const restarted: RestartResponse = { restarted: true };
        return restarted;
      },
      () => 'rollout restart',
    );
  }

  async rollback(
    ref: ObjectRef,
    revision: number | undefined,
    ctx: AuditedRequest,
  ) {
    return this.changeExisting(
      ctx,
      ref,
      { action: 'resource-rollback', verb: 'roll back' },
      (target, options) =>
        this.deps.resources.rollback(target, ref, revision, options),
      result => `rolled back to revision ${result.revision}`,
    );
  }

  /**
   * A change that sends a whole object (create, apply): one that was read
   * with its values hidden is refused, and the cluster must be one the
   * person may see.
   */
  private sendObject<T>(
    ctx: AuditedRequest,
    options: { action: string; dryRun?: boolean; status?: number },
    clusterName: string,
    object: KubeObject,
    permissions: Array<ResourcePermission<string>>,
    fn: (
      target: Target,
      impersonate: Impersonation,
      authz: RequestAuthorization,
    ) => Promise<T>,
    summary: (result: T) => string,
  ): Promise<T> {
    return this.change(
      ctx,
      options,
      objectTarget(clusterName, object),
      () => this.deps.resources.targetOf(clusterName, object),
      async (target, impersonate) => {
        refuseMasked(object);
        const authz = await this.deps.authorizer.authorize(ctx.credentials, [
          k8sOpsClusterReadPermission,
          ...permissions,
        ]);
        assertClusterVisible(authz, target, object);
        return fn(target, impersonate, authz);
      },
      summary,
    );
  }

  /**
   * A change to an object that exists. Refused on a read-only cluster, or
   * when the person may not change objects at all, before the object is
   * looked up; an object the person may not read is answered as missing.
   */
  private changeExisting<T>(
    ctx: AuditedRequest,
    ref: ObjectRef,
    change: {
      action: string;
      verb: string;
      permission?: ResourcePermission<string>;
    },
    fn: (
      target: Target,
      options: { impersonate?: Impersonation },
    ) => Promise<T>,
    summary: (result: T) => string,
  ): Promise<T> {
    const permission = change.permission ?? k8sOpsResourceUpdatePermission;
    return this.change(
      ctx,
      { action: change.action },
      refTarget(ref),
      () => this.deps.resources.target(ref.cluster, ref.resource),
      async (target, impersonate) => {
        const authz = await this.deps.authorizer.authorize(ctx.credentials, [
          k8sOpsClusterReadPermission,
          k8sOpsResourceReadPermission,
          permission,
        ]);
        if (authz.deniesAll(permission)) {
          throw new NotAllowedError(
            `You may not ${change.verb} ${describeRef(
              target,
              ref,
            )} on cluster '${target.cluster.name}'`,
          );
        }
        const { object } = await this.deps.reads.readable(ref, authz, {
          impersonate,
        });
        authz.assert(permission, change.verb, target, object);
        return fn(target, { impersonate });
      },
      summary,
    );
  }

  /**
   * Runs a change through the audit trail: the kind is resolved first so
   * the row names it, then the person and the cluster's read-only flag are
   * checked before anything else.
   */
  private change<T>(
    ctx: AuditedRequest,
    options: { action: string; dryRun?: boolean; status?: number },
    auditTarget: AuditTarget,
    resolve: () => Promise<Target>,
    fn: (target: Target, impersonate: Impersonation) => Promise<T>,
    summary: (result: T) => string,
  ): Promise<T> {
    return this.deps.audit.track(
      {
        action: options.action,
        dryRun: options.dryRun,
        status: options.status,
        request: ctx.request,
        credentials: ctx.credentials,
        target: auditTarget,
        summary,
      },
      async () => {
        const target = await resolve();
        auditTarget.kind = target.kind.kind;
        requirePerson(ctx.credentials, 'change objects');
        this.assertWritable(target.cluster);
        const impersonate = await this.deps.impersonator.impersonation(
          target.cluster,
          ctx.credentials,
        );
        return fn(target, impersonate);
      },
    );
  }

  private assertWritable(cluster: ClusterDefinition) {
    if (!cluster.readOnly) {
      return;
    }
    throw new NotAllowedError(
      this.deps.readOnly
        ? `Cluster '${cluster.name}' is read-only: k8s-ops is read-only (k8sOps.readOnly) and refuses every change to every cluster`
        : `Cluster '${cluster.name}' is read-only: k8s-ops refuses every change to it`,
    );
  }
}

/** On a cluster the person may not see, a change is refused as a create. */
function assertClusterVisible(
  authz: RequestAuthorization,
  target: Target,
  object: KubeObject,
) {
  if (!authz.allowsCluster(k8sOpsClusterReadPermission, target.cluster)) {
    throw new NotAllowedError(
      `You may not create ${describeObject(target.kind, object)} on cluster '${
        target.cluster.name
      }'`,
    );
  }
}

function objectTarget(cluster: string, object: KubeObject): AuditTarget {
  return {
    cluster,
    namespace: object?.metadata?.namespace,
    kind: object?.kind,
    name: object?.metadata?.name,
  };
}

function maskSecrets(object: KubeObject): KubeObject {
  return isSecret(object) ? maskSecret(object) : object;
}

function changedLines(diff: string) {
  return diff.split('\n').filter(l => /^[-+][^-+]/.test(l)).length;
}
