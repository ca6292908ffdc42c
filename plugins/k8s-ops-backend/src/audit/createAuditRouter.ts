import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  auditSchemas,
  k8sOpsAuditReadPermission,
} from '@k8s-ops/plugin-k8s-ops-common';
import Router from 'express-promise-router';
import { parseOrThrow } from '../http/parseOrThrow';
import { AuditStore } from './AuditStore';

const { query: auditQuery } = auditSchemas;

export function createAuditRouter(deps: {
  store: AuditStore;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}) {
  const { store, httpAuth, permissions } = deps;
  const router = Router();

  router.get('/audit', async (req, res) => {
    const query = parseOrThrow(auditQuery, req.query);
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize(
      [{ permission: k8sOpsAuditReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('You may not read the k8s-ops audit trail');
    }
    res.json(await store.query(query));
  });

  return router;
}
