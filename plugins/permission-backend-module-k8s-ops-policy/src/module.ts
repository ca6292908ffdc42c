import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { K8sOpsExamplePolicy } from './K8sOpsExamplePolicy';

/**
 * Installs {@link K8sOpsExamplePolicy} as the app's permission policy, with
 * its groups from `permission.k8sOps`.
 *
 * @public
 */
export const permissionModuleK8sOpsPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'k8s-ops-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
        config: coreServices.rootConfig,
      },
      async init({ policy, userInfo, config }) {
        policy.setPolicy(
          new K8sOpsExamplePolicy({
            userInfo,
            oncallGroups: config.getOptionalStringArray(
              'permission.k8sOps.oncallGroups',
            ) ?? ['group:default/platform-oncall'],
            platformGroups: config.getOptionalStringArray(
              'permission.k8sOps.platformGroups',
            ) ?? ['group:default/platform'],
            productionGroups: config.getOptionalStringArray(
              'permission.k8sOps.productionGroups',
            ) ?? ['prod'],
          }),
        );
      },
    });
  },
});
