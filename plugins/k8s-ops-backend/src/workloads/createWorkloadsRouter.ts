import { HttpAuthService } from '@backstage/backend-plugin-api';
import { resourceSchemas } from '@k8s-ops/plugin-k8s-ops-common';
import Router from 'express-promise-router';
import { parseOrThrow } from '../http/parseOrThrow';
import { sendJson } from '../http/sendJson';
import { AuthorizedWorkloadsService } from './AuthorizedWorkloadsService';
import { encodeWorkloads } from './encodeWorkloads';

/**
 * `GET /workloads`: a catalog entity's workloads on every cluster, as
 * summaries with `view=summary`. An answer the caller already holds (its
 * `If-None-Match`) is a 304 without a body.
 */
export function createWorkloadsRouter(deps: {
  workloads: AuthorizedWorkloadsService;
  httpAuth: HttpAuthService;
}) {
  const router = Router();
  router.get('/workloads', async (req, res) => {
    const { view, ...query } = parseOrThrow(
      resourceSchemas.workloadsQuery,
      req.query,
    );
    const answer = await deps.workloads.workloads(
      query,
      await deps.httpAuth.credentials(req),
    );
    const { body, etag } = encodeWorkloads(answer, {
      summary: view === 'summary',
    });
    // Each person's answer differs (permissions): a browser may keep it,
    // shared caches may not, and it is checked again on every view.
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    sendJson(res, body);
  });
  return router;
}
