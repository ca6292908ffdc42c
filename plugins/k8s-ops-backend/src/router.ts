import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { createAuditRouter } from './audit/createAuditRouter';
import { createChangesRouter } from './changes/createChangesRouter';
import { createClustersRouter } from './clusterApi/createClustersRouter';
import { K8sOpsServices } from './createServices';
import { createEnvMapsRouter } from './deploy/createEnvMapsRouter';
import { createNamespacesRouter } from './deploy/createNamespacesRouter';
import { createDeployRouter } from './deploy/createDeployRouter';
import { createJobsRouter } from './deploy/createJobsRouter';
import { createHealthRouter } from './health/createHealthRouter';
import { jsonBody } from './http/jsonBody';
import { createRelationsRouter } from './relations/createRelationsRouter';
import { createInfraRouter } from './infra/createInfraRouter';
import { createResourcesRouter } from './resources/createResourcesRouter';
import { createSearchRouter } from './search/createSearchRouter';
import { createLogsRouter } from './streams/createLogsRouter';
import { createWorkloadsRouter } from './workloads/createWorkloadsRouter';
import { createPortForwardsRouter } from './portForwards/createPortForwardsRouter';

/** Mounts the router of every capability. */
export function createRouter(
  services: K8sOpsServices,
  deps: { httpAuth: HttpAuthService },
): express.Router {
  const { httpAuth } = deps;
  const router = Router();
  // Before the body parser: the port-forward proxy passes bodies untouched.
  router.use(
    createPortForwardsRouter({ portForwards: services.portForwards, httpAuth }),
  );
  router.use(jsonBody({ limit: '2mb' }));
  router.use(
    createHealthRouter({
      version: services.version,
      clusterCount: async () => (await services.registry.list()).length,
    }),
  );
  router.use(
    createClustersRouter({
      clusters: services.clusters,
      registrar: services.registrar,
      httpAuth,
    }),
  );
  router.use(
    createResourcesRouter({
      resources: services.resources,
      changes: services.resourceChanges,
      httpAuth,
    }),
  );
  router.use(
    createWorkloadsRouter({ workloads: services.workloads, httpAuth }),
  );
  router.use(createInfraRouter({ scans: services.infraScans, httpAuth }));
  router.use(
    createNamespacesRouter({ provisioner: services.provisioner, httpAuth }),
  );
  router.use(createEnvMapsRouter({ envMaps: services.envMaps, httpAuth }));
  router.use(createChangesRouter({ changes: services.changes, httpAuth }));
  router.use(createAuditRouter({ audit: services.auditReader, httpAuth }));
  router.use(createSearchRouter({ search: services.search, httpAuth }));
  router.use(
    createRelationsRouter({ relations: services.relations, httpAuth }),
  );
  router.use(createLogsRouter({ logs: services.logs, httpAuth }));
  router.use(createDeployRouter({ deployer: services.deployer, httpAuth }));
  router.use(createJobsRouter({ jobs: services.jobs, httpAuth }));
  return router;
}
