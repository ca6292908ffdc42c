import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  k8sOpsClusterReadPermission,
  k8sOpsResourceReadPermission,
} from '@k8s-ops/plugin-k8s-ops-common';
import { Impersonator } from '../permissions/Impersonator';
import { RequestAuthorizer } from '../permissions/RequestAuthorizer';
import { AuthorizedResourceService } from '../resources/AuthorizedResourceService';
import { ResourceService } from '../resources/ResourceService';

/** What a stream needs to find the object it concerns, as one person. */
export interface ObjectAccess {
  reads: AuthorizedResourceService;
  resources: ResourceService;
  authorizer: RequestAuthorizer;
  impersonator: Impersonator;
}

/**
 * The object a stream concerns (a pod, a workload), read as the person, who
 * must be able to read it (else it is missing), and the authorization of
 * the request, which also asked for `permission`; the caller asserts it on
 * the object.
 */
export async function authorizedObject(
  access: ObjectAccess,
  ref: { cluster: string; resource: string; namespace?: string; name: string },
  credentials: BackstageCredentials,
  permission: ResourcePermission<string>,
) {
  const authz = await access.authorizer.authorize(credentials, [
    k8sOpsClusterReadPermission,
    k8sOpsResourceReadPermission,
    permission,
  ]);
  const { cluster } = await access.resources.target(ref.cluster, ref.resource);
  const impersonate = await access.impersonator.impersonation(
    cluster,
    credentials,
  );
  const found = await access.reads.readable(ref, authz, { impersonate });
  return { authz, impersonate, ...found };
}
