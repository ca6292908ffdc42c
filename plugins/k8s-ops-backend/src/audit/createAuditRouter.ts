import { HttpAuthService } from '@backstage/backend-plugin-api';
import Router from 'express-promise-router';
import { parseOrThrow } from '../http/parseOrThrow';
import { AuthorizedAuditStore } from './AuthorizedAuditStore';
import { auditQuery } from './schemas';

/** `GET /audit`: the audit trail, filtered and paged. */
export function createAuditRouter(deps: {
  audit: AuthorizedAuditStore;
  httpAuth: HttpAuthService;
}) {
  const router = Router();
  router.get('/audit', async (req, res) => {
    const query = parseOrThrow(auditQuery, req.query);
    res.json(
      await deps.audit.query(query, await deps.httpAuth.credentials(req)),
    );
  });
  return router;
}
