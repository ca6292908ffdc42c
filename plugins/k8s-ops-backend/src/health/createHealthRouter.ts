import { HealthResponse } from '@k8s-ops/plugin-k8s-ops-common';
import Router from 'express-promise-router';

/**
 * `GET /health`, without sign-in: the plugin answers, its version, and how
 * many clusters it knows (nothing about them).
 */
export function createHealthRouter(deps: {
  version: string;
  clusterCount: () => Promise<number>;
}) {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const body: HealthResponse = {
      status: 'ok',
      version: deps.version,
      clusters: await deps.clusterCount(),
    };
    res.json(body);
  });
  return router;
}
