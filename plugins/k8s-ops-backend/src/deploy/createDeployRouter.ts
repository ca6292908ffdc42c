import { HttpAuthService } from '@backstage/backend-plugin-api';
import { clusterSchemas, deploySchemas } from '@k8s-ops/plugin-k8s-ops-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { parseOrThrow } from '../http/parseOrThrow';
import { AuthorizedDeployer } from './AuthorizedDeployer';

const HEARTBEAT_MS = 15_000;

/**
 * Deploy routes: `POST /clusters/:cluster/deploy`, the clusters one may
 * deploy to (`GET /deploy-targets`), the history
 * (`GET /deploys`, `GET /deploys/:id`), rollback, and the rollout's
 * progress as server-sent events (`GET /deploys/:id/events`).
 */
export function createDeployRouter(deps: {
  deployer: AuthorizedDeployer;
  httpAuth: HttpAuthService;
}) {
  const { deployer, httpAuth } = deps;
  const router = Router();
  const ctx = async (req: Request) => ({
    credentials: await httpAuth.credentials(req),
    request: req,
  });

  router.post('/clusters/:cluster/deploy', async (req, res) => {
    const { cluster } = parseOrThrow(clusterSchemas.params, req.params);
    const body = parseOrThrow(deploySchemas.deployBody, req.body);
    const answer = await deployer.deploy(cluster, body, await ctx(req));
    res.status(answer.dryRun ? 200 : 202).json(answer);
  });

  router.get('/deploy-targets', async (req, res) => {
    res.json({
      items: await deployer.targets(await httpAuth.credentials(req)),
    });
  });

  router.get('/deploys', async (req, res) => {
    const query = parseOrThrow(deploySchemas.deployListQuery, req.query);
    res.json({
      items: await deployer.list(query, await httpAuth.credentials(req)),
    });
  });

  router.get('/deploys/:id', async (req, res) => {
    const { id } = parseOrThrow(deploySchemas.deployParams, req.params);
    res.json(await deployer.get(id, await httpAuth.credentials(req)));
  });

  router.post('/deploys/:id/rollback', async (req, res) => {
    const { id } = parseOrThrow(deploySchemas.deployParams, req.params);
    const body = parseOrThrow(deploySchemas.deployRollbackBody, req.body ?? {});
    const answer = await deployer.rollback(id, body, await ctx(req));
    res.status(answer.dryRun ? 200 : 202).json(answer);
  });

  router.get('/deploys/:id/events', async (req, res) => {
    const { id } = parseOrThrow(deploySchemas.deployParams, req.params);
    const send = (text: string) => {
      res.write(text);
      // Compression middleware buffers unless told to flush.
      (res as unknown as { flush?: () => void }).flush?.();
    };
    let ended = false;
    const pending: string[] = [];
    let open = false;
    const stop = await deployer.follow(
      id,
      await httpAuth.credentials(req),
      (event, last) => {
        const text = `event: ${
          last ? event.status : 'progress'
        }\ndata: ${JSON.stringify(event)}\n\n`;
        if (open) send(text);
        else pending.push(text);
        if (last) {
          ended = true;
          if (open) res.end();
        }
      },
    );
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    open = true;
    send(': connected\n\n');
    pending.forEach(send);
    if (ended) {
      res.end();
      stop();
      return;
    }
    const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS);
    res.on('close', () => {
      clearInterval(heartbeat);
      stop();
    });
  });
  return router;
}
