import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  ClusterSummary,
  k8sOpsClusterReadPermission,
} from '@k8s-ops/plugin-k8s-ops-common';
import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import { clusterResourceRef } from '../permissions/resources';
import { ClusterRegistry } from './ClusterRegistry';
import { DatabaseClusterHealthStore } from './DatabaseClusterHealthStore';
import { toSummary } from './types';

/**
 * The cluster registry as one person sees it: clusters they may not read are
 * left out of lists and answered as unknown.
 */
export class AuthorizedClusterRegistry {
  private readonly isAllowed: ReturnType<
    typeof createConditionAuthorizer<ClusterSummary>
  >;

  constructor(
    private readonly deps: {
      registry: ClusterRegistry;
      health: DatabaseClusterHealthStore;
      permissions: PermissionsService;
      permissionsRegistry: PermissionsRegistryService;
    },
  ) {
    this.isAllowed = createConditionAuthorizer(
      deps.permissionsRegistry.getPermissionRuleset(clusterResourceRef),
    );
  }

  async list(credentials: BackstageCredentials): Promise<ClusterSummary[]> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: k8sOpsClusterReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      return [];
    }
    const health = await this.deps.health.all();
    const clusters = (await this.deps.registry.list()).map(c => ({
      ...toSummary(c),
      health: health.get(c.name),
    }));
    return decision.result === AuthorizeResult.ALLOW
      ? clusters
      : clusters.filter(cluster => this.isAllowed(decision, cluster));
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
}
