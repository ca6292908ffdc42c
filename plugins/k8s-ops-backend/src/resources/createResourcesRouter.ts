import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  clusterSchemas,
  KubeObject,
  resourceSchemas,
} from '@k8s-ops/plugin-k8s-ops-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { parseOrThrow } from '../http/parseOrThrow';
import { sendJson } from '../http/sendJson';
import { AuthorizedResourceChanges } from './AuthorizedResourceChanges';
import { AuthorizedResourceService } from './AuthorizedResourceService';
import { encodeObjects, encodeWithField } from './encodeObjects';

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
} = resourceSchemas;

/**
 * Routes of the generic resource API: discovery, lists, objects, events,
 * secret reveal and every change, each through the authorized services.
 */
export function createResourcesRouter(deps: {
  resources: AuthorizedResourceService;
  changes: AuthorizedResourceChanges;
  httpAuth: HttpAuthService;
}) {
  const { resources, changes, httpAuth } = deps;
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
    res.json(
      await resources.discovery(cluster, await httpAuth.credentials(req)),
    );
  });

  router.get('/clusters/:cluster/resources/:resource', async (req, res) => {
    const params = parseOrThrow(kindParams, req.params);
    const { view, ...query } = parseOrThrow(listQuery, req.query);
    const { items, ...rest } = await resources.list(
      { ...params, ...query },
      await httpAuth.credentials(req),
    );
    // Objects are encoded once and reused by every answer that holds them.
    sendJson(
      res,
      encodeWithField(
        rest,
        'items',
        encodeObjects(items, { summary: view === 'summary' }),
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
        await changes.create(
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
      await changes.apply(
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
      res.json(await changes.patch(objectRef(req), patch, await ctx(req)));
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
        await changes.delete(
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
      res.json(await changes.scale(objectRef(req), replicas, await ctx(req)));
    },
  );

  router.post(
    '/clusters/:cluster/resources/:resource/:name/restart',
    async (req, res) => {
      parseOrThrow(emptyBody, req.body ?? {});
      res.json(await changes.restart(objectRef(req), await ctx(req)));
    },
  );

  router.post(
    '/clusters/:cluster/resources/:resource/:name/rollback',
    async (req, res) => {
      const { revision } = parseOrThrow(rollbackBody, req.body ?? {});
      res.json(
        await changes.rollback(objectRef(req), revision, await ctx(req)),
      );
    },
  );

  router.post(
    '/clusters/:cluster/resources/:resource/:name/reveal',
    async (req, res) => {
      parseOrThrow(emptyBody, req.body ?? {});
      res.json(await resources.reveal(objectRef(req), await ctx(req)));
    },
  );

  router.get('/cache', async (req, res) => {
    res.json({
      items: await resources.cacheStats(await httpAuth.credentials(req)),
    });
  });

  return router;
}
