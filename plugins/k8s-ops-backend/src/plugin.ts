import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { k8sOpsPermissions } from '@k8s-ops/plugin-k8s-ops-common';
import { scheduleAuditRetention } from './audit/scheduleAuditRetention';
import { scheduleCacheEviction } from './cache/scheduleCacheEviction';
import { createServices, K8sOpsServices } from './createServices';
import { loadObjectFacts } from './permissions/loadObjectFacts';
import { clusterResourceRef, objectResourceRef } from './permissions/resources';
import { clusterRules } from './permissions/rules/clusterRules';
import { objectRules } from './permissions/rules/objectRules';
import { createRouter } from './router';
import { createTerminalHandlers } from './streams/createTerminalHandlers';
import { createPortForwardSocketHandlers } from './portForwards/createPortForwardSocketHandlers';

/** How long shutdown waits for changes under way before recording them as interrupted. */
const SHUTDOWN_GRACE_MS = 10_000;

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
        const ready: { services?: K8sOpsServices } = {};
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
        for (const handler of createTerminalHandlers({ exec: services.exec })) {
          deps.httpRouter.addWebSocketHandler(handler);
        }
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
        deps.httpRouter.addAuthPolicy({
          path: '/port-forwards/:id/proxy',
          allow: 'user-cookie',
        });
        for (const handler of createPortForwardSocketHandlers({
          portForwards: services.portForwards,
          logger: deps.logger,
        })) {
          deps.httpRouter.addWebSocketHandler(handler);
        }

        deps.lifecycle.addStartupHook(async () => {
          services.registry.start();
          await services.prewarmer.start();
          if (services.config.search.enabled) {
            await services.searchIndex.start();
          }
          await services.portForwardManager.startPolling();
        });
        deps.lifecycle.addShutdownHook(async () => {
          services.changes.endAll();
          services.exec.closeAll();
          await services.portForwardManager.stopPolling();
          services.rollouts.stopAll();
          services.jobs.stopAll();
          await services.audit.drain(SHUTDOWN_GRACE_MS);
          services.registry.stop();
          services.prewarmer.stop();
          services.searchIndex.stop();
          services.cache.stop();
          services.clients.close();
        });

        await deps.scheduler.scheduleTask({
          id: 'k8s-ops-cluster-health',
          frequency: { seconds: services.config.health.intervalSeconds },
          timeout: { seconds: 55 },
          initialDelay: { seconds: 5 },
          fn: () => services.health.checkAll(),
        });
        await deps.scheduler.scheduleTask({
          id: 'k8s-ops-node-shell-cleanup',
          frequency: { minutes: 5 },
          timeout: { minutes: 2 },
          fn: () => services.nodeShell.cleanup().then(() => undefined),
        });
        await scheduleCacheEviction({
          scheduler: deps.scheduler,
          cache: services.cache,
          logger: deps.logger,
          idleMinutes: services.config.cache.idleMinutes,
        });
        await scheduleAuditRetention({
          scheduler: deps.scheduler,
          store: services.auditStore,
          logger: deps.logger,
          retentionDays: services.config.audit.retentionDays,
        });
      },
    });
  },
});
