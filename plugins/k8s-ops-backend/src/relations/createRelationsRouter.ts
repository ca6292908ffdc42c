import { HttpAuthService } from '@backstage/backend-plugin-api';
import { searchSchemas } from '@k8s-ops/plugin-k8s-ops-common';
import express from 'express';
import Router from 'express-promise-router';
import { parseOrThrow } from '../http/parseOrThrow';
import { AuthorizedRelations } from './AuthorizedRelations';

/** `GET .../:resource/:name/relations`: the graph around one object. */
export function createRelationsRouter(deps: {
  relations: AuthorizedRelations;
  httpAuth: HttpAuthService;
}): express.Router {
  const router = Router();
  router.get(
    '/clusters/:cluster/resources/:resource/:name/relations',
    async (req, res) => {
      const params = parseOrThrow(searchSchemas.relationsParams, req.params);
      const { namespace, depth } = parseOrThrow(
        searchSchemas.relationsQuery,
        req.query,
      );
      const credentials = await deps.httpAuth.credentials(req);
      res.json(
        await deps.relations.relations(
          { ...params, namespace },
          depth,
          credentials,
        ),
      );
    },
  );
  return router;
}
