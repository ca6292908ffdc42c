import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { k8sOpsPermissions } from '@k8s-ops/plugin-k8s-ops-common';
import { scheduleAuditRetention } from './audit/scheduleAuditRetention';
import { prewarmCache } from './cache/prewarmCache';
import { createServices, Services } from './createServices';
import { loadObjectFacts } from './permissions/loadObjectFacts';
import { clusterResourceRef, objectResourceRef } from './permissions/resources';
import { clusterRules } from './permissions/rules/clusterRules';
import { objectRules } from './permissions/rules/objectRules';
import { createRouter } from './router';

/**
 * The k8s-ops backend plugin.
 *
 * @public
 */
export const k8sOpsPlugin = createBackendPlugin({
  pluginId: 'k8s-ops',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        userInfo: coreServices.userInfo,
        lifecycle: coreServices.lifecycle,
      },
      async init(deps) {
        deps.permissionsRegistry.addResourceType({
          resourceRef: clusterResourceRef,
          rules: Object.values(clusterRules),
        });
        // The services need the rulesets registered first; the facts of an
        // object are only loaded once they exist.
        const ready: { services?: Services } = {};
        deps.permissionsRegistry.addResourceType({
          resourceRef: objectResourceRef,
          rules: Object.values(objectRules),
          getResources: async refs =>
            ready.services
              ? loadObjectFacts(
                  {
                    registry: ready.services.registry,
                    resources: ready.services.resourceService,
                  },
                  refs,
                )
              : refs.map(() => undefined),
        });
        deps.permissionsRegistry.addPermissions(k8sOpsPermissions);

        const services = await createServices(deps);
        ready.services = services;

        deps.httpRouter.use(createRouter(services, deps));
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });

        deps.lifecycle.addStartupHook(() =>
          prewarmCache({ services, logger: deps.logger }),
        );
        deps.lifecycle.addShutdownHook(() => {
          services.cache.stop();
          services.clients.close();
        });

        await deps.scheduler.scheduleTask({
          id: 'k8s-ops-cluster-health',
          frequency: { seconds: services.healthIntervalSeconds },
          timeout: { seconds: 55 },
          initialDelay: { seconds: 5 },
          fn: () => services.health.checkAll(),
        });

        // Each replica has a cache of its own.
        await deps.scheduler.scheduleTask({
          id: 'k8s-ops-cache-eviction',
          scope: 'local',
          frequency: { minutes: 1 },
          timeout: { seconds: 30 },
          fn: async () => {
            const evicted = services.cache.evictIdle(
              services.cacheIdleMinutes * 60_000,
            );
            if (evicted.length > 0) {
              deps.logger.info(
                `Stopped watching idle kinds: ${evicted.join(', ')}`,
              );
            }
          },
        });

        await scheduleAuditRetention({
          scheduler: deps.scheduler,
          store: services.auditStore,
          logger: deps.logger,
          retentionDays: services.auditRetentionDays,
        });
      },
    });
  },
});
