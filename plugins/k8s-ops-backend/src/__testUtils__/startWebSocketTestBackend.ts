import { createSpecializedBackend } from '@backstage/backend-app-api';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  createHttpServer,
  DefaultRootHttpRouter,
  ExtendedHttpServer,
  MiddlewareFactory,
} from '@backstage/backend-defaults/rootHttpRouter';
import { httpRouterServiceFactory } from '@backstage/backend-defaults/httpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import {
  actionsRegistryServiceMock,
  actionsServiceMock,
  metricsServiceMock,
  tracingServiceMock,
} from '@backstage/backend-test-utils/alpha';
import express from 'express';

type Feature = Parameters<
  ReturnType<typeof createSpecializedBackend>['add']
>[0];

const started = new Set<{ stop(): Promise<void> }>();
// Under Jest, backends left running stop after the file; the benchmarks
// stop theirs themselves.
if (typeof afterAll === 'function') {
  afterAll(async () => {
    await Promise.all([...started].map(backend => backend.stop()));
    started.clear();
  });
}

/**
 * Starts a backend as `startTestBackend` does (the same mocked services),
 * but with HTTP routers that take WebSocket handlers: the test backend's
 * root router has no server, and its plugin router predates them. Listens
 * on a free port of 127.0.0.1.
 */
export async function startWebSocketTestBackend(options: {
  features: Feature[];
}): Promise<{ server: ExtendedHttpServer; stop(): Promise<void> }> {
  let server: ExtendedHttpServer | undefined;
  const rootHttpRouter = createServiceFactory({
    service: coreServices.rootHttpRouter,
    deps: {
      config: coreServices.rootConfig,
      lifecycle: coreServices.rootLifecycle,
      rootLogger: coreServices.rootLogger,
    },
    async factory({ config, lifecycle, rootLogger }) {
      const logger = rootLogger.child({ service: 'rootHttpRouter' });
      const app = express();
      const http = await createHttpServer(
        app,
        { listen: { host: '127.0.0.1', port: 0 } },
        { logger },
      );
      const router = DefaultRootHttpRouter.create({
        server: http,
        lifecycle,
        logger,
      });
      const middleware = MiddlewareFactory.create({ config, logger });
      app.use(router.handler());
      app.use(middleware.notFound());
      app.use(middleware.error());
      lifecycle.addShutdownHook(() => http.stop(), { logger });
      await http.start();
      server = http;
      return router;
    },
  });
  const backend = createSpecializedBackend({
    defaultServiceFactories: [
      mockServices.auth.factory(),
      mockServices.auditor.factory(),
      mockServices.cache.factory(),
      mockServices.rootConfig.factory(),
      mockServices.database.factory(),
      mockServices.discovery.factory(),
      mockServices.httpAuth.factory(),
      // The backend-defaults of this repository: the test utilities bring an
      // older one, whose HTTP router has no WebSocket handlers.
      httpRouterServiceFactory,
      mockServices.lifecycle.factory(),
      mockServices.logger.factory(),
      mockServices.permissions.factory(),
      mockServices.permissionsRegistry.factory(),
      mockServices.rootHealth.factory(),
      mockServices.rootLifecycle.factory(),
      mockServices.rootLogger.factory(),
      mockServices.scheduler.factory(),
      mockServices.userInfo.factory(),
      mockServices.urlReader.factory(),
      mockServices.events.factory(),
      actionsRegistryServiceMock.factory(),
      actionsServiceMock.factory(),
      metricsServiceMock.factory(),
      tracingServiceMock.factory(),
      rootHttpRouter,
    ],
  });
  for (const feature of options.features) {
    backend.add(feature);
  }
  await backend.start();
  const handle = {
    server: server!,
    stop: async () => {
      started.delete(handle);
      await backend.stop();
    },
  };
  started.add(handle);
  return handle;
}
