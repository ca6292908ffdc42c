import { HttpAuthService } from '@backstage/backend-plugin-api';
import { clusterSchemas, deploySchemas } from '@k8s-ops/plugin-k8s-ops-common';
import Router from 'express-promise-router';
import { parseOrThrow } from '../http/parseOrThrow';
import { JobRunner } from './JobRunner';

/**
 * Job routes: run (`POST /clusters/:cluster/jobs`), list (`GET /jobs`),
 * logs that outlive the pods, and delete with the pods.
 */
export function createJobsRouter(deps: {
  jobs: JobRunner;
  httpAuth: HttpAuthService;
}) {
  const { jobs, httpAuth } = deps;
  const router = Router();

  router.post('/clusters/:cluster/jobs', async (req, res) => {
    const { cluster } = parseOrThrow(clusterSchemas.params, req.params);
    const body = parseOrThrow(deploySchemas.jobBody, req.body);
    const answer = await jobs.run(cluster, body, {
      credentials: await httpAuth.credentials(req),
      request: req,
    });
    res.status(answer.dryRun ? 200 : 201).json(answer);
  });

  router.get('/jobs', async (req, res) => {
    const query = parseOrThrow(deploySchemas.jobListQuery, req.query);
    res.json({
      items: await jobs.list(query, await httpAuth.credentials(req)),
    });
  });

  router.get('/jobs/:cluster/:namespace/:name/logs', async (req, res) => {
    const key = parseOrThrow(deploySchemas.jobParams, req.params);
    res.json(await jobs.logs(key, await httpAuth.credentials(req)));
  });

  router.delete('/jobs/:cluster/:namespace/:name', async (req, res) => {
    const key = parseOrThrow(deploySchemas.jobParams, req.params);
    res.json(
      await jobs.delete(key, {
        credentials: await httpAuth.credentials(req),
        request: req,
      }),
    );
  });
  return router;
}
