import { HttpAuthService } from '@backstage/backend-plugin-api';
import { searchSchemas } from '@k8s-ops/plugin-k8s-ops-common';
import express from 'express';
import Router from 'express-promise-router';
import { parseOrThrow } from '../http/parseOrThrow';
import { AuthorizedSearch } from './AuthorizedSearch';

/** `GET /search`: objects of every cluster by name, kind, namespace, label. */
export function createSearchRouter(deps: {
  search: AuthorizedSearch;
  httpAuth: HttpAuthService;
}): express.Router {
  const router = Router();
  router.get('/search', async (req, res) => {
    const query = parseOrThrow(searchSchemas.searchQuery, req.query);
    const credentials = await deps.httpAuth.credentials(req);
    res.json(await deps.search.search(query, credentials));
  });
  return router;
}
