import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createApplyAction } from './actions/applyAction';
import { createDeployAction } from './actions/deployAction';
import { createEnvMapApplyAction } from './actions/envmapApplyAction';
import { createInfraScanAction } from './actions/infraScanAction';
import { createJobRunAction } from './actions/jobRunAction';
import { createNamespaceEnsureAction } from './actions/namespaceEnsureAction';
import { K8sOpsCaller } from './K8sOpsCaller';

/**
 * The k8s-ops actions of the scaffolder: `k8s-ops:deploy`,
 * `k8s-ops:namespace:ensure`, `k8s-ops:envmap:apply`, `k8s-ops:job:run`,
 * `k8s-ops:infra:scan` and `k8s-ops:apply`, each calling the k8s-ops backend
 * as the person running the template.
 *
 * @public
 */
export const scaffolderModuleK8sOps = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'k8s-ops',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, auth, discovery, config }) {
        const caller = new K8sOpsCaller({
          auth,
          discovery,
          appBaseUrl: config.getString('app.baseUrl'),
        });
        scaffolder.addActions(
          createDeployAction(caller),
          createNamespaceEnsureAction(caller),
          createEnvMapApplyAction(caller),
          createJobRunAction(caller),
          createInfraScanAction(caller),
          createApplyAction(caller),
        );
      },
    });
  },
});
