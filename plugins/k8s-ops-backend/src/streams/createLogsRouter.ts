import { HttpAuthService } from '@backstage/backend-plugin-api';
import { streamSchemas } from '@k8s-ops/plugin-k8s-ops-common';
import { Response } from 'express';
import Router from 'express-promise-router';
import { parseOrThrow } from '../http/parseOrThrow';
import { AuthorizedLogService, LogAnswer } from './AuthorizedLogService';

/**
 * `GET /clusters/:cluster/pods/:name/logs` and
 * `GET /clusters/:cluster/workloads/:resource/:name/logs`: container logs
 * as text, streamed with `follow` until the person leaves or the container
 * ends, or as a file with `download`.
 */
export function createLogsRouter(deps: {
  logs: AuthorizedLogService;
  httpAuth: HttpAuthService;
}) {
  const router = Router();
  router.get('/clusters/:cluster/pods/:name/logs', async (req, res) => {
    const params = parseOrThrow(streamSchemas.podLogParams, req.params);
    const query = parseOrThrow(streamSchemas.logQuery, req.query);
    const credentials = await deps.httpAuth.credentials(req);
    const signal = closeSignal(res);
    const answer = await deps.logs.pod(
      { ...params, ...query },
      { credentials, request: req },
      signal,
    );
    send(res, answer, query.download);
  });
  router.get(
    '/clusters/:cluster/workloads/:resource/:name/logs',
    async (req, res) => {
      const params = parseOrThrow(streamSchemas.workloadLogParams, req.params);
      const query = parseOrThrow(streamSchemas.logQuery, req.query);
      const credentials = await deps.httpAuth.credentials(req);
      const signal = closeSignal(res);
      const answer = await deps.logs.workload(
        { ...params, ...query },
        { credentials, request: req },
        signal,
      );
      send(res, answer, query.download);
    },
  );
  return router;
}

/** Aborts when the person leaves, so the cluster's stream closes too. */
function closeSignal(res: Response): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => controller.abort());
  return controller.signal;
}

function send(res: Response, answer: LogAnswer, download: boolean) {
  res.writeHead(200, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    'X-Content-Type-Options': 'nosniff',
    // Proxies must pass each line on as it comes.
    'X-Accel-Buffering': 'no',
    ...(download
      ? { 'Content-Disposition': `attachment; filename="${answer.filename}"` }
      : {}),
  });
  // Compression middleware buffers unless told to flush.
  const flush = () => (res as unknown as { flush?: () => void }).flush?.();
  let ended = false;
  answer.pipe({
    write: text => {
      if (!ended) {
        res.write(text);
        flush();
      }
    },
    end: () => {
      if (!ended) {
        ended = true;
        res.end();
      }
    },
  });
}
