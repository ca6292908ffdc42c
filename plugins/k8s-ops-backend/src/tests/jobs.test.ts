import {
  createTestNamespace,
  eventually,
  TestCluster,
  testClusters,
  testKubeConfig,
} from '@k8s-ops/local-kube/testing';
import { BatchV1Api, CoreV1Api } from '@kubernetes/client-node';
import { Server } from 'node:http';
import request from 'supertest';
import {
  allowAll,
  startK8sOpsBackend,
} from '../__testUtils__/startK8sOpsBackend';
import { testClusterConfig } from '../__testUtils__/testClusterConfig';

const api = '/api/k8s-ops';

describe('jobs against a real cluster', () => {
  let dev: TestCluster;
  let server: Server;
  let ns: { name: string; remove(): Promise<void> };

  beforeAll(async () => {
    [dev] = testClusters();
    ns = await createTestNamespace(dev, 'jobs');
    const backend = await startK8sOpsBackend({
      policy: () => allowAll,
      config: {
        k8sOps: {
          cache: { prewarm: [] },
          clusters: [testClusterConfig(dev)],
          jobs: { maxLogBytes: 500 },
        },
      },
    });
    server = backend.server;
  });

  afterAll(async () => {
    await ns.remove();
  });

  const jobs = (query: string) =>
    request(server).get(`${api}/jobs?cluster=test-dev&${query}`);

  it('runs a restricted job, reports it succeeded, and serves its logs after its pods are deleted', async () => {
    const run = await request(server)
      .post(`${api}/clusters/test-dev/jobs`)
      .send({
        namespace: ns.name,
        image: 'busybox:1.36',
        command: ['echo', 'hi'],
        runId: 'nightly-1',
      });
    expect(run.status).toBe(201);
    const { name } = run.body;
    expect(name).toMatch(/^nightly-1-[0-9a-f]{6}$/);

    const live = await testKubeConfig(dev)
      .makeApiClient(BatchV1Api)
      .readNamespacedJob({
        name,
        namespace: ns.name,
      });
    const pod = live.spec!.template.spec!;
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.containers[0].securityContext).toEqual({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.containers[0].resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '1', memory: '512Mi' },
    });
    expect(live.spec!.ttlSecondsAfterFinished).toBe(3600);
    expect(live.metadata!.labels!['k8s-ops.dev/run-id']).toBe('nightly-1');

    const done = await eventually(
      'the job succeeds with its logs kept',
      async () => {
        const res = await jobs(`namespace=${ns.name}&runId=nightly-1`);
        const [job] = res.body.items;
        return job?.status === 'succeeded' && job.logsKept ? job : undefined;
      },
    );
    expect(done).toMatchObject({
      name,
      runId: 'nightly-1',
      attempts: 1,
      live: true,
    });
    expect(done.pods[0]).toMatchObject({
      phase: 'Succeeded',
      reason: 'Completed',
    });
    expect(done.startTime).toBeDefined();

    const whileLive = await request(server).get(
      `${api}/jobs/test-dev/${ns.name}/${name}/logs`,
    );
    expect(whileLive.body.source).toBe('live');
    expect(whileLive.body.pods[0].text).toContain(
      'simulated container log line 1 on test-dev',
    );

    const deleted = await request(server).delete(
      `${api}/jobs/test-dev/${ns.name}/${name}`,
    );
    expect(deleted.status).toBe(200);
    const core = testKubeConfig(dev).makeApiClient(CoreV1Api);
    await eventually('its pods are gone', async () => {
      const pods = await core.listNamespacedPod({
        namespace: ns.name,
        labelSelector: `batch.kubernetes.io/job-name=${name}`,
      });
      return pods.items.length === 0 ? true : undefined;
    });

    const kept = await request(server).get(
      `${api}/jobs/test-dev/${ns.name}/${name}/logs`,
    );
    expect(kept.status).toBe(200);
    expect(kept.body.source).toBe('kept');
    expect(kept.body.pods[0].text).toContain(
      'simulated container log line 1 on test-dev',
    );
    // Capped per job.
    expect(kept.body.pods[0].text.length).toBeLessThanOrEqual(500);
    expect(kept.body.pods[0].truncated).toBe(true);

    const listed = await jobs(`namespace=${ns.name}&runId=nightly-1`);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        name,
        status: 'succeeded',
        live: false,
        logsKept: true,
      }),
    ]);
  });

  it.each([
    [{ image: '' }, 'image: is required'],
    [{ image: 'x', runId: 'has space' }, 'runId: must be a label value'],
    [{ image: 'x', ttlSecondsAfterFinished: -1 }, 'ttlSecondsAfterFinished'],
    [{ image: 'x', privileged: true }, 'privileged'],
  ])('400 naming the field for %j', async (body, message) => {
    const res = await request(server)
      .post(`${api}/clusters/test-dev/jobs`)
      .send({ namespace: ns.name, ...body });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('404 for the logs of a job that never ran', async () => {
    const res = await request(server).get(
      `${api}/jobs/test-dev/${ns.name}/nothing/logs`,
    );
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('has no pods and no kept logs');
  });
});
