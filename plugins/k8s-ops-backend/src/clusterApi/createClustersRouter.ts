import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  ClusterListResponse,
  clusterSchemas,
} from '@k8s-ops/plugin-k8s-ops-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { parseOrThrow } from '../http/parseOrThrow';
import { AuthorizedClusterRegistry } from './AuthorizedClusterRegistry';
import { AuthorizedClusterRegistrar } from './AuthorizedClusterRegistrar';

const {
  params: clusterParams,
  contextsBody,
  exportQuery,
  importBody,
  registerBody,
  updateBody,
} = clusterSchemas;

export function createClustersRouter(deps: {
  clusters: AuthorizedClusterRegistry;
  registrar: AuthorizedClusterRegistrar;
  httpAuth: HttpAuthService;
}) {
  const { clusters, registrar, httpAuth } = deps;
  const router = Router();
  const ctx = async (req: Request) => ({
    credentials: await httpAuth.credentials(req),
    request: req,
  });

  router.get('/clusters', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const body: ClusterListResponse = {
      items: await clusters.list(credentials),
    };
    res.json(body);
  });

  router.post('/clusters', async (req, res) => {
    const body = parseOrThrow(registerBody, req.body);
    res.status(201).json(await registrar.register(body, await ctx(req)));
  });

  router.post('/clusters/contexts', async (req, res) => {
    const { kubeconfig } = parseOrThrow(contextsBody, req.body);
    res.json(await registrar.contexts(kubeconfig, await ctx(req)));
  });

  router.get('/clusters/export', async (req, res) => {
    const { includeCredentials } = parseOrThrow(exportQuery, req.query);
    res.json(
      await registrar.export(includeCredentials === 'true', await ctx(req)),
    );
  });

  router.post('/clusters/import', async (req, res) => {
    const body = parseOrThrow(importBody, req.body);
    res.json(await registrar.import(body, await ctx(req)));
  });

  router.get('/clusters/:cluster', async (req, res) => {
    const { cluster } = parseOrThrow(clusterParams, req.params);
    res.json(await clusters.get(cluster, await httpAuth.credentials(req)));
  });

  router.patch('/clusters/:cluster', async (req, res) => {
    const { cluster } = parseOrThrow(clusterParams, req.params);
    const body = parseOrThrow(updateBody, req.body);
    res.json(await registrar.update(cluster, body, await ctx(req)));
  });

  router.delete('/clusters/:cluster', async (req, res) => {
    const { cluster } = parseOrThrow(clusterParams, req.params);
    await registrar.remove(cluster, await ctx(req));
    res.status(204).end();
  });

  router.post('/clusters/:cluster/health', async (req, res) => {
    const { cluster } = parseOrThrow(clusterParams, req.params);
    res.json(
      await clusters.checkHealth(cluster, await httpAuth.credentials(req)),
    );
  });

  return router;
}
