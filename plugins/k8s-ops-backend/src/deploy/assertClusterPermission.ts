import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { k8sOpsClusterReadPermission } from '@k8s-ops/plugin-k8s-ops-common';
import { AuditedRequest, AuditLog, AuditTarget } from '../audit/AuditLog';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { RequestAuthorizer } from '../permissions/RequestAuthorizer';

/**
 * Checks a cluster-typed permission before a set of objects is applied,
 * and records a refusal in the audit trail under the action's id, as the
 * applied set records everything after it. An unknown cluster, or one the
 * person may not see, is answered as missing.
 */
export async function assertClusterPermission(
  deps: {
    registry: ClusterRegistry;
    authorizer: RequestAuthorizer;
    audit: AuditLog;
  },
  permission: ResourcePermission<string>,
  what: string,
  record: { action: string; dryRun?: boolean; target: AuditTarget },
  ctx: AuditedRequest,
): Promise<void> {
  const cluster = await deps.registry
    .get(record.target.cluster ?? '')
    .catch(() => undefined);
  const authz = await deps.authorizer.authorize(ctx.credentials, [
    k8sOpsClusterReadPermission,
    permission,
  ]);
  let refusal: Error | undefined;
  if (!cluster || !authz.allowsCluster(k8sOpsClusterReadPermission, cluster)) {
    refusal = new NotFoundError(`No cluster named '${record.target.cluster}'`);
  } else if (!authz.allowsCluster(permission, cluster)) {
    refusal = new NotAllowedError(
      `You may not ${what} on cluster '${cluster.name}' (${permission.name})`,
    );
  }
  if (refusal) {
    await deps.audit.track(
      {
        ...record,
        request: ctx.request,
        credentials: ctx.credentials,
      },
      async () => {
        throw refusal;
      },
    );
  }
}
