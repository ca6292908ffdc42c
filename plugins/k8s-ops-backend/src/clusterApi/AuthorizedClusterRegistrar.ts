import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  ClusterExport,
  ClusterSummary,
  k8sOpsClusterManagePermission,
  k8sOpsSecretRevealPermission,
  RegisterClusterRequest,
  UpdateClusterRequest,
} from '@k8s-ops/plugin-k8s-ops-common';
import { actorOf, AuditedRequest, AuditLog } from '../audit/AuditLog';
import { ClusterRegistrar } from '../clusters/ClusterRegistrar';
import { authorizeBasic, requirePerson } from '../permissions/authorizeBasic';
import { RequestAuthorizer } from '../permissions/RequestAuthorizer';

/**
 * Changes to the registry as one person may make them: each needs a
 * signed-in person with the cluster-manage permission, and every change
 * (refusals included) and every export of credentials is audited.
 */
export class AuthorizedClusterRegistrar {
  constructor(
    private readonly deps: {
      registrar: ClusterRegistrar;
      permissions: PermissionsService;
      authorizer: RequestAuthorizer;
      audit: AuditLog;
    },
  ) {}

  /** The contexts of a pasted kubeconfig, for a picker; nothing is stored. */
  async contexts(kubeconfig: string, ctx: AuditedRequest) {
    await this.assertManage(ctx.credentials);
    return this.deps.registrar.contexts(kubeconfig);
  }

  register(
    req: RegisterClusterRequest,
    ctx: AuditedRequest,
  ): Promise<ClusterSummary> {
    return this.deps.audit.track(
      {
        ...this.audited('cluster-register', ctx, req.name),
        summary: c => `registered ${c.url}`,
        status: 201,
      },
      async () => {
        await this.assertManage(ctx.credentials);
        return this.deps.registrar.register(req, actorOf(ctx.credentials));
      },
    );
  }

  update(
    name: string,
    changes: UpdateClusterRequest,
    ctx: AuditedRequest,
  ): Promise<ClusterSummary> {
    return this.deps.audit.track(
      {
        ...this.audited('cluster-update', ctx, name),
        summary: `changed ${Object.keys(changes).join(', ')}`,
      },
      async () => {
        await this.assertManage(ctx.credentials);
        return this.deps.registrar.update(name, changes);
      },
    );
  }

  remove(name: string, ctx: AuditedRequest): Promise<void> {
    return this.deps.audit.track(
      {
        ...this.audited('cluster-delete', ctx, name),
        summary: 'removed from the registry',
        status: 204,
      },
      async () => {
        await this.assertManage(ctx.credentials);
        await this.deps.registrar.remove(name);
      },
    );
  }

  /** Every registered cluster; credentials only when asked and allowed. */
  async export(
    includeCredentials: boolean,
    ctx: AuditedRequest,
  ): Promise<ClusterExport> {
    if (!includeCredentials) {
      await this.assertManage(ctx.credentials);
      return this.deps.registrar.export(false);
    }
    return this.deps.audit.track(
      {
        ...this.audited('cluster-export', ctx),
        summary: r => `exported ${r.clusters.length} clusters with credentials`,
        severity: 'high',
      },
      async () => {
        await this.assertManage(ctx.credentials);
        // Revealing everywhere, not under conditions, is what exporting
        // every credential takes.
        const authz = await this.deps.authorizer.authorize(ctx.credentials, [
          k8sOpsSecretRevealPermission,
        ]);
        if (!authz.allowsAll(k8sOpsSecretRevealPermission)) {
          throw new NotAllowedError(
            'You may not export cluster credentials; export without includeCredentials',
          );
        }
        return this.deps.registrar.export(true);
      },
    );
  }

  /** Registers the clusters of an export. */
  import(
    data: ClusterExport,
    ctx: AuditedRequest,
  ): Promise<{ imported: string[] }> {
    return this.deps.audit.track(
      {
        ...this.audited('cluster-import', ctx),
        summary: r => `imported ${r.imported.join(', ')}`,
      },
      async () => {
        await this.assertManage(ctx.credentials);
        return this.deps.registrar.import(data, actorOf(ctx.credentials));
      },
    );
  }

  private audited(action: string, ctx: AuditedRequest, cluster?: string) {
    return {
      action,
      request: ctx.request,
      credentials: ctx.credentials,
      target: cluster ? { cluster } : {},
    };
  }

  private async assertManage(credentials: BackstageCredentials) {
    requirePerson(credentials, 'manage clusters');
    await authorizeBasic(
      this.deps.permissions,
      credentials,
      k8sOpsClusterManagePermission,
      'You may not manage k8s-ops clusters',
    );
  }
}
