import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  ApplyResponse,
  k8sOpsClusterReadPermission,
  k8sOpsResourceCreatePermission,
  k8sOpsResourceUpdatePermission,
  KubeObject,
} from '@k8s-ops/plugin-k8s-ops-common';
import { isSecret, maskSecret } from '../permissions/maskSecret';
import {
  describeObject,
  RequestAuthorization,
} from '../permissions/RequestAuthorizer';
import { mayRead, qualifiedResource } from './AuthorizedResourceService';
import { Impersonation } from './ChangeGuard';
import { ResourceService, Target } from './ResourceService';

/**
 * A server-side apply of one object, checked against what the person may
 * do: both what the object is and what it would become must be allowed, so
 * a change cannot move an object out of what a person may touch; an
 * object the person may not read is refused as a create would be. The
 * answer of a Secret has its values hidden and no diff.
 */
export async function checkedApply(
  resources: ResourceService,
  authz: RequestAuthorization,
  target: Target,
  object: KubeObject,
  options: { dryRun?: boolean; force?: boolean; impersonate: Impersonation },
): Promise<ApplyResponse> {
  assertClusterVisible(authz, target, object);
  const live = await resources
    .get(
      {
        cluster: target.cluster.name,
        resource: qualifiedResource(target.kind),
        name: object.metadata?.name ?? '',
        namespace: object.metadata?.namespace,
      },
      { impersonate: options.impersonate },
    )
    .then(found => found.object)
    .catch(error => {
      if (error instanceof NotFoundError) {
        return undefined;
      }
      throw error;
    });
  if (live && !mayRead(authz, target, live)) {
    throw refusedCreate(target, object);
  }
  if (live) {
    authz.assert(k8sOpsResourceUpdatePermission, 'change', target, live);
    authz.assert(k8sOpsResourceUpdatePermission, 'change', target, object);
  } else {
    authz.assert(k8sOpsResourceCreatePermission, 'create', target, object);
  }
  const result = await resources.apply(target, object, options);
  return isSecret(result.object)
    ? // The diff of a Secret would show its values.
      { ...result, object: maskSecret(result.object), diff: '' }
    : result;
}

/** On a cluster the person may not see, a change is refused as a create. */
export function assertClusterVisible(
  authz: RequestAuthorization,
  target: Target,
  object: KubeObject,
) {
  if (!authz.allowsCluster(k8sOpsClusterReadPermission, target.cluster)) {
    throw refusedCreate(target, object);
  }
}

function refusedCreate(target: Target, object: KubeObject) {
  return new NotAllowedError(
    `You may not create ${describeObject(target.kind, object)} on cluster '${
      target.cluster.name
    }'`,
  );
}
