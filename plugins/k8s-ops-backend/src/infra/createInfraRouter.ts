import { HttpAuthService } from '@backstage/backend-plugin-api';
import { clusterSchemas, infraSchemas } from '@k8s-ops/plugin-k8s-ops-common';
import Router from 'express-promise-router';
import { parseOrThrow } from '../http/parseOrThrow';
import { AuthorizedInfraScans } from './AuthorizedInfraScans';

/**
 * `POST /clusters/:cluster/infra-scan` scans a namespace (or every one) for
 * infrastructure services; `GET /infra-scans` answers the stored scans.
 */
export function createInfraRouter(deps: {
  scans: AuthorizedInfraScans;
  httpAuth: HttpAuthService;
}) {
  const router = Router();
  router.post('/clusters/:cluster/infra-scan', async (req, res) => {
    const { cluster } = parseOrThrow(clusterSchemas.params, req.params);
    const body = parseOrThrow(infraSchemas.scanBody, req.body ?? {});
    const credentials = await deps.httpAuth.credentials(req);
    res.json(
      await deps.scans.scan(
        cluster,
        { namespace: body.namespace },
        { credentials, request: req },
      ),
    );
  });
  router.get('/infra-scans', async (req, res) => {
    const query = parseOrThrow(infraSchemas.scansQuery, req.query);
    res.json(
      await deps.scans.list(
        {
          cluster: query.cluster,
          namespace: query.namespace,
          allNamespaces: query.allNamespaces === 'true',
        },
        await deps.httpAuth.credentials(req),
      ),
    );
  });
  return router;
}
