import { HttpAuthService } from '@backstage/backend-plugin-api';
import { resourceSchemas } from '@k8s-ops/plugin-k8s-ops-common';
import Router from 'express-promise-router';
import { parseOrThrow } from '../http/parseOrThrow';
import { AuthorizedWorkloadsService } from './AuthorizedWorkloadsService';

/** `GET /workloads`: a catalog entity's workloads on every cluster. */
export function createWorkloadsRouter(deps: {
  workloads: AuthorizedWorkloadsService;
  httpAuth: HttpAuthService;
}) {
  const router = Router();
  router.get('/workloads', async (req, res) => {
    const query = parseOrThrow(resourceSchemas.workloadsQuery, req.query);
    res.json(
      await deps.workloads.workloads(
        query,
        await deps.httpAuth.credentials(req),
      ),
    );
  });
  return router;
}
