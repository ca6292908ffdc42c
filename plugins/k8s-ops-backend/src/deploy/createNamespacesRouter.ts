import { HttpAuthService } from '@backstage/backend-plugin-api';
import { clusterSchemas, infraSchemas } from '@k8s-ops/plugin-k8s-ops-common';
import Router from 'express-promise-router';
import { parseOrThrow } from '../http/parseOrThrow';
import { NamespaceProvisioner } from './NamespaceProvisioner';

/** `POST /clusters/:cluster/namespaces`: provisions a namespace. */
export function createNamespacesRouter(deps: {
  provisioner: NamespaceProvisioner;
  httpAuth: HttpAuthService;
}) {
  const router = Router();
  router.post('/clusters/:cluster/namespaces', async (req, res) => {
    const { cluster } = parseOrThrow(clusterSchemas.params, req.params);
    const body = parseOrThrow(infraSchemas.provisionBody, req.body ?? {});
    const credentials = await deps.httpAuth.credentials(req);
    res.json(
      await deps.provisioner.provision(cluster, body, {
        credentials,
        request: req,
      }),
    );
  });
  return router;
}
