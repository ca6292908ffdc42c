import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  clusterSchemas,
  k8sOpsClusterManagePermission,
  KubeObject,
  resourceSchemas,
} from '@k8s-ops/plugin-k8s-ops-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { WatchCache } from '../cache/WatchCache';
import { AuthorizedClusterRegistry } from '../clusters/AuthorizedClusterRegistry';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { parseOrThrow } from '../http/parseOrThrow';
import { DiscoveryCache } from '../kube/DiscoveryCache';
import { KubeClientFactory } from '../kube/KubeClientFactory';
import { AuthorizedResourceService } from './AuthorizedResourceService';

const { params: clusterOnlyParams } = clusterSchemas;
const {
  applyBody,
  createBody,
  deleteQuery,
  emptyBody,
  kindParams,
  listQuery,
  objectParams,
  objectQuery,
  patchBody,
  rollbackBody,
  scaleBody,
  workloadsQuery,
} = resourceSchemas;

export function createResourcesRouter(deps: {
  resources: AuthorizedResourceService;
  clusters: AuthorizedClusterRegistry;
  registry: ClusterRegistry;
  clients: KubeClientFactory;
  discovery: DiscoveryCache;
  cache: WatchCache;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}) {
  const { resources, httpAuth } = deps;
  const router = Router();
  const ctx = async (req: Request) => ({
    credentials: await httpAuth.credentials(req),
    request: req,
  });
  const objectRef = (req: Request) => ({
    ...parseOrThrow(objectParams, req.params),
    ...parseOrThrow(objectQuery, req.query),
  });

  router.get('/clusters/:cluster/discovery', async (req, res) => {
    const { cluster } = parseOrThrow(clusterOnlyParams, req.params);
    await deps.clusters.get(cluster, await httpAuth.credentials(req));
    const client = deps.clients.forCluster(await deps.registry.get(cluster));
    res.json(await deps.discovery.discover(client));
  });

  router.get('/clusters/:cluster/resources/:resource', async (req, res) => {
    const params = parseOrThrow(kindParams, req.params);
    const query = parseOrThrow(listQuery, req.query);
    res.json(
      await resources.list(
        { ...params, ...query },
        await httpAuth.credentials(req),
      ),
    );
  });

  router.get(
    '/clusters/:cluster/resources/:resource/:name',
    async (req, res) => {
      res.json(
        await resources.get(objectRef(req), await httpAuth.credentials(req)),
      );
    },
  );

  router.get(
    '/clusters/:cluster/resources/:resource/:name/events',
    async (req, res) => {
      res.json({
        items: await resources.events(
          objectRef(req),
          await httpAuth.credentials(req),
        ),
      });
    },
  );

  router.post('/clusters/:cluster/resources', async (req, res) => {
    const { cluster } = parseOrThrow(clusterOnlyParams, req.params);
    const body = parseOrThrow(createBody, req.body);
    res
      .status(201)
      .json(
        await resources.create(
          cluster,
          body.object as KubeObject,
          body,
          await ctx(req),
        ),
      );
  });

  router.post('/clusters/:cluster/apply', async (req, res) => {
    const { cluster } = parseOrThrow(clusterOnlyParams, req.params);
    const body = parseOrThrow(applyBody, req.body);
    res.json(
      await resources.apply(
        cluster,
        body.object as KubeObject,
        body,
        await ctx(req),
      ),
    );
  });

  router.patch(
    '/clusters/:cluster/resources/:resource/:name',
    async (req, res) => {
      const { patch } = parseOrThrow(patchBody, req.body);
      res.json(await resources.patch(objectRef(req), patch, await ctx(req)));
    },
  );

  router.delete(
    '/clusters/:cluster/resources/:resource/:name',
    async (req, res) => {
      const params = parseOrThrow(objectParams, req.params);
      const { propagationPolicy, ...query } = parseOrThrow(
        deleteQuery,
        req.query,
      );
      res.json(
        await resources.delete(
          { ...params, ...query },
          propagationPolicy,
          await ctx(req),
        ),
      );
    },
  );

  router.post(
    '/clusters/:cluster/resources/:resource/:name/scale',
    async (req, res) => {
      const { replicas } = parseOrThrow(scaleBody, req.body);
      res.json(await resources.scale(objectRef(req), replicas, await ctx(req)));
    },
  );

  router.post(
    '/clusters/:cluster/resources/:resource/:name/restart',
    async (req, res) => {
      parseOrThrow(emptyBody, req.body ?? {});
      res.json(await resources.restart(objectRef(req), await ctx(req)));
    },
  );

  router.post(
    '/clusters/:cluster/resources/:resource/:name/rollback',
    async (req, res) => {
      const { revision } = parseOrThrow(rollbackBody, req.body ?? {});
      res.json(
        await resources.rollback(objectRef(req), revision, await ctx(req)),
      );
    },
  );

  router.get('/workloads', async (req, res) => {
    const query = parseOrThrow(workloadsQuery, req.query);
    res.json(await resources.workloads(query, await httpAuth.credentials(req)));
  });

  router.get('/cache', async (req, res) => {
    const [decision] = await deps.permissions.authorize(
      [{ permission: k8sOpsClusterManagePermission }],
      { credentials: await httpAuth.credentials(req) },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'You may not read the state of the k8s-ops cache',
      );
    }
    res.json({ items: deps.cache.stats() });
  });

  return router;
}
