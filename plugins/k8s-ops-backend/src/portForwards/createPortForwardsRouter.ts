import { HttpAuthService } from '@backstage/backend-plugin-api';
import { portForwardSchemas } from '@k8s-ops/plugin-k8s-ops-common';
import Router from 'express-promise-router';
import { jsonBody } from '../http/jsonBody';
import { parseOrThrow } from '../http/parseOrThrow';
import { AuthorizedPortForwards } from './AuthorizedPortForwards';
import { proxyHttp } from './proxyHttp';

const { startBody, params, listQuery } = portForwardSchemas;

/**
 * Routes of port-forward sessions, and the HTTP proxy to a session's first
 * port. Mounted before the plugin's JSON body parser, so that proxied bodies
 * pass untouched.
 */
export function createPortForwardsRouter(deps: {
  portForwards: AuthorizedPortForwards;
  httpAuth: HttpAuthService;
}) {
  const { portForwards, httpAuth } = deps;
  const router = Router();

  router.use('/port-forwards/:id/proxy', async (req, res) => {
    const { id } = parseOrThrow(params, { id: req.params.id });
    // A link opened in the browser carries the Backstage cookie.
    const credentials = await httpAuth.credentials(req, {
      allow: ['user'],
      allowLimitedAccess: true,
    });
    const connection = await portForwards.connect(id, undefined, credentials);
    await proxyHttp(req, res, connection, {
      host: 'localhost',
      basePath: req.baseUrl,
    });
  });

  router.post('/port-forwards', jsonBody(), async (req, res) => {
    const body = parseOrThrow(startBody, req.body);
    const credentials = await httpAuth.credentials(req);
    res
      .status(201)
      .json(await portForwards.start(body, { credentials, request: req }));
  });

  router.get('/port-forwards', async (req, res) => {
    const { scope } = parseOrThrow(listQuery, req.query);
    const credentials = await httpAuth.credentials(req);
    res.json(await portForwards.list(scope ?? 'mine', credentials));
  });

  router.get('/port-forwards/:id', async (req, res) => {
    const { id } = parseOrThrow(params, req.params);
    res.json(await portForwards.get(id, await httpAuth.credentials(req)));
  });

  router.delete('/port-forwards/:id', async (req, res) => {
    const { id } = parseOrThrow(params, req.params);
    const credentials = await httpAuth.credentials(req);
    res.json(await portForwards.stop(id, { credentials, request: req }));
  });

  return router;
}
