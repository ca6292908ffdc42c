import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  ClusterHealth,
  ClusterSummary,
  k8sOpsClusterReadPermission,
  k8sOpsResourceCreatePermission,
  k8sOpsResourceDeletePermission,
  k8sOpsResourceUpdatePermission,
} from '@k8s-ops/plugin-k8s-ops-common';
import { RequestAuthorizer } from '../permissions/RequestAuthorizer';
import { ClusterHealthMonitor } from '../clusters/ClusterHealthMonitor';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { DatabaseClusterHealthStore } from '../clusters/DatabaseClusterHealthStore';
import { toSummary } from '../clusters/types';

/** The permissions that change objects. */
const CHANGES = [
  k8sOpsResourceCreatePermission,
  k8sOpsResourceUpdatePermission,
  k8sOpsResourceDeletePermission,
];

/**
 * The cluster registry as one person sees it: clusters they may not read are
 * left out of lists and answered as unknown.
 */
export class AuthorizedClusterRegistry {
  constructor(
    private readonly deps: {
      registry: ClusterRegistry;
      health: ClusterHealthMonitor;
      healthStore: DatabaseClusterHealthStore;
      permissions: PermissionsService;
      authorizer: RequestAuthorizer;
    },
  ) {}

  async list(credentials: BackstageCredentials): Promise<ClusterSummary[]> {
    const authz = await this.deps.authorizer.authorize(credentials, [
      k8sOpsClusterReadPermission,
      ...CHANGES,
    ]);
    if (authz.deniesAll(k8sOpsClusterReadPermission)) {
      return [];
    }
    const health = await this.deps.healthStore.all();
    return (await this.deps.registry.list())
      .filter(c => authz.allowsCluster(k8sOpsClusterReadPermission, c))
      .map(c => ({
        ...toSummary(c),
        health: health.get(c.name),
        mayChange:
          !c.readOnly && CHANGES.some(p => authz.mayAllowOnCluster(p, c)),
      }));
  }

  async get(
    name: string,
    credentials: BackstageCredentials,
  ): Promise<ClusterSummary> {
    const cluster = (await this.list(credentials)).find(c => c.name === name);
    if (!cluster) {
      // A cluster the caller may not see is answered like a missing one.
      throw new NotFoundError(`No cluster named '${name}'`);
    }
    return cluster;
  }

  /** Checks a cluster's health now, for a person who may see it. */
  async checkHealth(
    name: string,
    credentials: BackstageCredentials,
  ): Promise<ClusterHealth> {
    await this.get(name, credentials);
    return this.deps.health.check(await this.deps.registry.get(name));
  }
}
