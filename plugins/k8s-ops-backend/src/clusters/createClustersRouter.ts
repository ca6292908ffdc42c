import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ClusterListResponse } from '@k8s-ops/plugin-k8s-ops-common';
import Router from 'express-promise-router';
import { parseOrThrow } from '../http/parseOrThrow';
import { AuthorizedClusterRegistry } from './AuthorizedClusterRegistry';
import { clusterParams } from './schemas';

export function createClustersRouter(deps: {
  clusters: AuthorizedClusterRegistry;
  httpAuth: HttpAuthService;
}) {
  const { clusters, httpAuth } = deps;
  const router = Router();

  router.get('/clusters', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const body: ClusterListResponse = {
      items: await clusters.list(credentials),
    };
    res.json(body);
  });

  router.get('/clusters/:cluster', async (req, res) => {
    const { cluster } = parseOrThrow(clusterParams, req.params);
    res.json(await clusters.get(cluster, await httpAuth.credentials(req)));
  });

  return router;
}
