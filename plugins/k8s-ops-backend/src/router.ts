import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { createAuditRouter } from './audit/createAuditRouter';
import { createChangesRouter } from './changes/createChangesRouter';
import { createResourcesRouter } from './resources/createResourcesRouter';
import { createClustersRouter } from './clusters/createClustersRouter';
import { Services } from './createServices';
import { createHealthRouter } from './health/createHealthRouter';
import { jsonBody } from './http/jsonBody';

/** Mounts the router of every capability. */
export function createRouter(
  services: Services,
  deps: { httpAuth: HttpAuthService; permissions: PermissionsService },
): express.Router {
  const router = Router();
  router.use(jsonBody({ limit: '2mb' }));
  router.use(
    createHealthRouter({
      registry: services.registry,
      version: services.version,
    }),
  );
  router.use(
    createClustersRouter({
      clusters: services.clusters,
      registry: services.registry,
      registrar: services.registrar,
      health: services.health,
      httpAuth: deps.httpAuth,
    }),
  );
  router.use(
    createResourcesRouter({
      resources: services.resources,
      clusters: services.clusters,
      registry: services.registry,
      clients: services.clients,
      discovery: services.discovery,
      cache: services.cache,
      httpAuth: deps.httpAuth,
      permissions: deps.permissions,
    }),
  );
  router.use(
    createChangesRouter({
      hub: services.changes,
      resources: services.resources,
      httpAuth: deps.httpAuth,
    }),
  );
  router.use(
    createAuditRouter({
      store: services.auditStore,
      httpAuth: deps.httpAuth,
      permissions: deps.permissions,
    }),
  );
  return router;
}
