import { HealthResponse } from '@k8s-ops/plugin-k8s-ops-common';
import Router from 'express-promise-router';
import { ClusterRegistry } from '../clusters/ClusterRegistry';

export function createHealthRouter(deps: {
  registry: ClusterRegistry;
  version: string;
}) {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const body: HealthResponse = {
      status: 'ok',
      version: deps.version,
      clusters: (await deps.registry.list()).length,
    };
    res.json(body);
  });
  return router;
}
