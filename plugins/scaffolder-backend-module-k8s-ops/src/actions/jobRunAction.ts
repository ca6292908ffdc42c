import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  JobListResponse,
  JobRunResponse,
  JobSummary,
} from '@k8s-ops/plugin-k8s-ops-common';
import { K8sOpsCaller, objectLink, pathOf, pause } from '../K8sOpsCaller';

const WAIT_INTERVAL_MS = 2000;

/** `k8s-ops:job:run`: a one-off job, optionally waited for. */
export function createJobRunAction(caller: K8sOpsCaller) {
  return createTemplateAction({
    id: 'k8s-ops:job:run',
    description:
      'Runs a one-off Job whose pod runs restricted (non-root, read-only root filesystem, no capabilities, no privilege escalation, RuntimeDefault seccomp) with requests, limits and a TTL. With wait, ends when the job succeeds and fails the step when it fails.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Run database migrations and wait for them',
        example: `steps:
  - id: migrate
    action: k8s-ops:job:run
    input:
      cluster: dev
      namespace: team-shop
      image: registry.example.com/shop/api:1.4.2
      command: [npm, run, migrate]
      runId: migrate-\${{ parameters.version }}
      wait: true`,
      },
    ],
    schema: {
      input: {
        cluster: z => z.string(),
        namespace: z => z.string(),
        image: z => z.string(),
        command: z => z.array(z.string()).optional(),
        args: z => z.array(z.string()).optional(),
        env: z => z.record(z.string(), z.string()).optional(),
        runId: z =>
          z
            .string()
            .optional()
            .describe('A label to find the job and its logs by'),
        ttlSecondsAfterFinished: z => z.number().int().optional(),
        wait: z => z.boolean().optional().describe('Wait until the job ends'),
        timeoutSeconds: z =>
          z
            .number()
            .int()
            .optional()
            .describe('How long to wait; 600 by default'),
        dryRun: z => z.boolean().optional(),
      },
      output: {
        name: z => z.string(),
        runId: z => z.string(),
        status: z =>
          z.string().describe('pending, running, succeeded, failed or dry-run'),
        reason: z => z.string().optional(),
        url: z => z.string().describe('The Job in the portal'),
      },
    },
    async handler(ctx) {
      const {
        cluster,
        wait,
        timeoutSeconds,
        dryRun: askedDryRun,
        ...body
      } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      const dryRun = Boolean(ctx.isDryRun || askedDryRun);
      const run = await caller.call<JobRunResponse>(
        credentials,
        'POST',
        pathOf('clusters', cluster, 'jobs'),
        { ...body, dryRun },
      );
      ctx.output('name', run.name);
      ctx.output('runId', run.runId);
      ctx.output(
        'url',
        objectLink(caller, cluster, 'jobs.batch', run.namespace, run.name),
      );
      if (dryRun) {
        ctx.output('status', 'dry-run');
        return;
      }
      const query = new URLSearchParams({
        cluster,
        namespace: run.namespace,
        runId: run.runId,
      });
      const look = async () =>
        (
          await caller.call<JobListResponse>(
            credentials,
            'GET',
            `/jobs?${query}`,
          )
        ).items.find(j => j.name === run.name);
      let job: JobSummary | undefined = await look();
      const deadline = Date.now() + (timeoutSeconds ?? 600) * 1000;
      while (
        wait &&
        Date.now() < deadline &&
        (!job || job.status === 'pending' || job.status === 'running')
      ) {
        await pause(WAIT_INTERVAL_MS, ctx.signal);
        job = await look();
      }
      ctx.output('status', job?.status ?? 'pending');
      if (job?.reason) {
        ctx.output('reason', job.reason);
      }
      if (wait && job?.status === 'failed') {
        throw new Error(
          `Job ${run.name} failed: ${job.reason ?? 'no reason given'}`,
        );
      }
      if (wait && job?.status !== 'succeeded') {
        throw new Error(
          `Job ${run.name} did not end within ${timeoutSeconds ?? 600} s`,
        );
      }
    },
  });
}
