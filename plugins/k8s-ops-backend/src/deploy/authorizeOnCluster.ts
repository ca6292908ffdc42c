import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { k8sOpsClusterReadPermission } from '@k8s-ops/plugin-k8s-ops-common';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { ClusterDefinition } from '../clusters/types';
import {
  RequestAuthorization,
  RequestAuthorizer,
} from '../permissions/RequestAuthorizer';

/**
 * Authorizes a cluster-wide action (deploy, run a job): a cluster the
 * person may not see is answered as missing, one they may see but not act
 * on is refused naming the action.
 */
export async function authorizeOnCluster(
  deps: { registry: ClusterRegistry; authorizer: RequestAuthorizer },
  credentials: BackstageCredentials,
  clusterName: string,
  permission: ResourcePermission<string> | undefined,
  verb: string,
  extra: Array<ResourcePermission<string>> = [],
): Promise<{ cluster: ClusterDefinition; authz: RequestAuthorization }> {
  const cluster = await deps.registry.get(clusterName);
  const authz = await deps.authorizer.authorize(credentials, [
    k8sOpsClusterReadPermission,
    ...(permission ? [permission] : []),
    ...extra,
  ]);
  if (!authz.allowsCluster(k8sOpsClusterReadPermission, cluster)) {
    throw new NotFoundError(`No cluster named '${clusterName}'`);
  }
  if (permission && !authz.allowsCluster(permission, cluster)) {
    throw new NotAllowedError(
      `You may not ${verb} on cluster '${clusterName}'`,
    );
  }
  return { cluster, authz };
}

/** The names of the clusters a person may see. */
export async function visibleClusters(
  deps: { registry: ClusterRegistry; authorizer: RequestAuthorizer },
  credentials: BackstageCredentials,
): Promise<string[]> {
  const authz = await deps.authorizer.authorize(credentials, [
    k8sOpsClusterReadPermission,
  ]);
  return (await deps.registry.list())
    .filter(c => authz.allowsCluster(k8sOpsClusterReadPermission, c))
    .map(c => c.name);
}
