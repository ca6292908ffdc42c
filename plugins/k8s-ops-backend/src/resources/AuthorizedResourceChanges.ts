import { NotAllowedError } from '@backstage/errors';
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
import { AuditedRequest, AuditTarget } from '../audit/AuditLog';
import { isSecret, maskSecret, refuseMasked } from '../permissions/maskSecret';
import {
  RequestAuthorization,
  RequestAuthorizer,
} from '../permissions/RequestAuthorizer';
import {
  AuthorizedResourceService,
  describeRef,
  refTarget,
} from './AuthorizedResourceService';
import { ChangeGuard, Impersonation } from './ChangeGuard';
import { assertClusterVisible, checkedApply } from './checkedApply';
import { ObjectRef, ResourceService, Target } from './ResourceService';

/**
 * Changes to objects as one person may make them: each needs a person (not
 * a service token), is refused on a read-only cluster before anything is
 * looked up, is checked against the object as it is (and, for an apply, as
 * it would become), and is audited, refusals included; dry runs are
 * recorded as such.
 */
export class AuthorizedResourceChanges {
  constructor(
    private readonly deps: {
      resources: ResourceService;
      reads: AuthorizedResourceService;
      authorizer: RequestAuthorizer;
      guard: ChangeGuard;
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
      (target, impersonate, authz) =>
        checkedApply(this.deps.resources, authz, target, object, {
          ...options,
          impersonate,
        }),
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
    return this.deps.guard.run(
      ctx,
      { ...options, target: objectTarget(clusterName, object), summary },
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
    return this.deps.guard.run(
      ctx,
      { action: change.action, target: refTarget(ref), summary },
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
