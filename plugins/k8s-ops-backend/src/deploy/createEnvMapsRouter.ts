import { HttpAuthService } from '@backstage/backend-plugin-api';
import { infraSchemas, resourceSchemas } from '@k8s-ops/plugin-k8s-ops-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { parseOrThrow } from '../http/parseOrThrow';
import { EnvMapper } from './EnvMapper';

/**
 * Environment maps of a namespace: `POST .../envmaps` writes one, `GET
 * .../envmaps/:name` reads it with secret values hidden, `POST
 * .../envmaps/:name/reveal` reads them (audited, `k8s-ops.secret.reveal`).
 */
export function createEnvMapsRouter(deps: {
  envMaps: EnvMapper;
  httpAuth: HttpAuthService;
}) {
  const router = Router();
  const base = '/clusters/:cluster/namespaces/:namespace/envmaps';
  const ctx = async (req: Request) => ({
    credentials: await deps.httpAuth.credentials(req),
    request: req,
  });
  router.post(base, async (req, res) => {
    const { cluster, namespace } = parseOrThrow(
      infraSchemas.envMapParams,
      req.params,
    );
    const body = parseOrThrow(infraSchemas.envMapBody, req.body ?? {});
    res.json(
      await deps.envMaps.write(cluster, namespace, body, await ctx(req)),
    );
  });
  router.get(`${base}/:name`, async (req, res) => {
    const ref = parseOrThrow(infraSchemas.envMapObjectParams, req.params);
    res.json(await deps.envMaps.read(ref, {}, await ctx(req)));
  });
  router.post(`${base}/:name/reveal`, async (req, res) => {
    const ref = parseOrThrow(infraSchemas.envMapObjectParams, req.params);
    parseOrThrow(resourceSchemas.emptyBody, req.body ?? {});
    res.json(await deps.envMaps.read(ref, { reveal: true }, await ctx(req)));
  });
  return router;
}
