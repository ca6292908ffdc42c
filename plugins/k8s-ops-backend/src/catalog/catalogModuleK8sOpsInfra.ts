import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { InfraEntityProvider } from './InfraEntityProvider';

/**
 * A catalog module that offers what infrastructure scans found as
 * `Resource` entities, when `k8sOps.catalog.infraResources.enabled` is set.
 *
 * @public
 */
export const catalogModuleK8sOpsInfra = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'k8s-ops-infra',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
      },
      async init(deps) {
        const options = deps.config.getOptionalConfig(
          'k8sOps.catalog.infraResources',
        );
        if (!options?.getOptionalBoolean('enabled')) {
          return;
        }
        const provider = new InfraEntityProvider({
          discovery: deps.discovery,
          auth: deps.auth,
          logger: deps.logger,
          owner: options.getOptionalString('owner') ?? 'group:default/platform',
        });
        deps.catalog.addEntityProvider(provider);
        await deps.scheduler.scheduleTask({
          id: 'k8s-ops-infra-entities',
          frequency: {
            minutes: options.getOptionalNumber('frequencyMinutes') ?? 5,
          },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 15 },
          fn: () => provider.refresh(),
        });
      },
    });
  },
});
