import {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { ClusterDefinition } from '../clusters/types';
import { Impersonation } from '../kube/KubeClient';

/**
 * Who a request acts as on clusters that impersonate the signed-in person:
 * their user entity and the groups they belong to, so that Kubernetes RBAC
 * and the cluster's own audit log see the person, not the portal.
 */
export class Impersonator {
  constructor(private readonly userInfo: UserInfoService) {}

  async impersonation(
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
    const info = await this.userInfo.getUserInfo(credentials);
    return { user: info.userEntityRef, groups: info.ownershipEntityRefs };
  }
}
