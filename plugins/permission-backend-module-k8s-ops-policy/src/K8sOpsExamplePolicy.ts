import {
  BackstageUserInfo,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
// Policies take their conditions from the plugin that owns the rules, as
// policies for the catalog take theirs from its backend.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  createK8sOpsResourceConditionalDecision,
  k8sOpsResourceConditions,
} from '@k8s-ops/plugin-k8s-ops-backend';
import {
  K8S_OPS_RESOURCE_TYPE,
  k8sOpsPodPortForwardPermission,
  k8sOpsResourceCreatePermission,
  k8sOpsResourceDeletePermission,
  k8sOpsResourceUpdatePermission,
  k8sOpsSecretRevealPermission,
} from '@k8s-ops/plugin-k8s-ops-common';

// Forwarding a port reaches into a pod: it goes with changing it.
const workloadChanges = new Set([
  k8sOpsResourceCreatePermission.name,
  k8sOpsResourceUpdatePermission.name,
  k8sOpsResourceDeletePermission.name,
  k8sOpsPodPortForwardPermission.name,
]);

/**
 * An example policy for k8s-ops:
 *
 * - members of an on-call group may do everything;
 * - members of a platform group may do everything too, except changing
 *   objects on clusters of the production groups, which is on-call's;
 * - everyone may read everything, except the values of Secrets;
 * - a team may change objects, and forward ports of its pods and
 *   Services, in the namespace named after it (group `team-a` owns
 *   namespace `team-a`) on clusters outside the production groups;
 * - admins of port-forwards (who see and stop everyone's) are those allowed
 *   `k8s-ops.cluster.manage`: on-call and platform;
 * - every other k8s-ops action is refused.
 *
 * Permissions of other plugins are allowed, as in a fresh Backstage app.
 *
 * @public
 */
export class K8sOpsExamplePolicy implements PermissionPolicy {
  constructor(
    private readonly options: {
      userInfo: UserInfoService;
      oncallGroups: string[];
      platformGroups: string[];
      productionGroups: string[];
    },
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!permission.name.startsWith('k8s-ops.')) {
      return { result: AuthorizeResult.ALLOW };
    }
    const info = await this.infoOf(user);
    if (!info) {
      return { result: AuthorizeResult.DENY };
    }
    const memberOf = (groups: string[]) =>
      info.ownershipEntityRefs.some(ref => groups.includes(ref));
    if (memberOf(this.options.oncallGroups)) {
      return { result: AuthorizeResult.ALLOW };
    }
    const isWorkloadChange =
      workloadChanges.has(permission.name) &&
      isResourcePermission(permission, K8S_OPS_RESOURCE_TYPE);
    if (memberOf(this.options.platformGroups)) {
      return isWorkloadChange
        ? createK8sOpsResourceConditionalDecision(permission, {
            not: k8sOpsResourceConditions.isInClusterGroup({
              groups: this.options.productionGroups,
            }),
          })
        : { result: AuthorizeResult.ALLOW };
    }
    if (permission.name === k8sOpsSecretRevealPermission.name) {
      return { result: AuthorizeResult.DENY };
    }
    if (permission.attributes.action === 'read') {
      // Reading the audit trail is the platform's business.
      return permission.name === 'k8s-ops.audit.read'
        ? { result: AuthorizeResult.DENY }
        : { result: AuthorizeResult.ALLOW };
    }
    if (isWorkloadChange) {
      const teamNamespaces = info.ownershipEntityRefs
        .map(ref => parseEntityRef(ref))
        .filter(ref => ref.kind.toLocaleLowerCase('en-US') === 'group')
        .map(ref => ref.name);
      if (teamNamespaces.length === 0) {
        return { result: AuthorizeResult.DENY };
      }
      return createK8sOpsResourceConditionalDecision(permission, {
        allOf: [
          k8sOpsResourceConditions.isInNamespace({
            namespaces: teamNamespaces,
          }),
          {
            not: k8sOpsResourceConditions.isInClusterGroup({
              groups: this.options.productionGroups,
            }),
          },
        ],
      });
    }
    return { result: AuthorizeResult.DENY };
  }

  private async infoOf(
    user: PolicyQueryUser | undefined,
  ): Promise<BackstageUserInfo | undefined> {
    const principal = user?.credentials.principal as
      | { type?: string }
      | undefined;
    if (!user || principal?.type !== 'user') {
      return undefined;
    }
    return this.options.userInfo.getUserInfo(user.credentials);
  }
}
