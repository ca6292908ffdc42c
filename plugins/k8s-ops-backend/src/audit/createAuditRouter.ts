import { HttpAuthService } from '@backstage/backend-plugin-api';
import { auditSchemas } from '@k8s-ops/plugin-k8s-ops-common';
import Router from 'express-promise-router';
import { parseOrThrow } from '../http/parseOrThrow';
import { AuthorizedAuditStore } from './AuthorizedAuditStore';

/** `GET /audit`: the audit trail, filtered and paged. */
export function createAuditRouter(deps: {
  audit: AuthorizedAuditStore;
  httpAuth: HttpAuthService;
}) {
  const router = Router();
  router.get('/audit', async (req, res) => {
    const query = parseOrThrow(auditSchemas.query, req.query);
    res.json(
      await deps.audit.query(query, await deps.httpAuth.credentials(req)),
    );
  });
  return router;
}
