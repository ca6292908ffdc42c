import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  changeSchemas,
  SelectorSyntaxError,
} from '@k8s-ops/plugin-k8s-ops-common';
import Router from 'express-promise-router';
import { parseOrThrow } from '../http/parseOrThrow';
import { AuthorizedResourceService } from '../resources/AuthorizedResourceService';
import { ChangeHub } from './ChangeHub';

const { query: changesQuery } = changeSchemas;

const HEARTBEAT_MS = 15_000;

/**
 * `GET /changes`: a server-sent event stream of the changes a person may
 * see, fed by the watch cache, so that pages update without polling.
 */
export function createChangesRouter(deps: {
  hub: ChangeHub;
  resources: AuthorizedResourceService;
  httpAuth: HttpAuthService;
}) {
  const router = Router();
  router.get('/changes', async (req, res) => {
    const query = parseOrThrow(changesQuery, req.query);
    const credentials = await deps.httpAuth.credentials(req);
    const { filter, release } = await deps.resources
      .changeFilter(query, credentials)
      .catch(error => {
        throw error instanceof SelectorSyntaxError
          ? new InputError(error.message)
          : error;
      });

    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const send = (text: string) => {
      res.write(text);
      // Compression middleware buffers unless told to flush.
      (res as unknown as { flush?: () => void }).flush?.();
    };
    send(': connected\n\n');
    const unsubscribe = deps.hub.subscribe(change => {
      const visible = filter(change);
      if (visible) {
        send(`event: change\ndata: ${JSON.stringify(visible)}\n\n`);
      }
    });
    const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      release();
    });
  });
  return router;
}
