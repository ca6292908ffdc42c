import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createTestNamespace,
  eventually,
  TestCluster,
  testClusters,
} from '@k8s-ops/local-kube/testing';
import { appendFile } from 'node:fs/promises';
import { get, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { testClusterConfig } from '../__testUtils__/testClusterConfig';
import { createTestDeployment, runningPods } from '../__testUtils__/testPods';
import {
  allowAll,
  startK8sOpsBackend,
  TestPolicy,
} from '../__testUtils__/startK8sOpsBackend';

const api = '/api/k8s-ops';

const deny: PolicyDecision = { result: AuthorizeResult.DENY };

async function lastAudit(server: Server, query: string) {
  const res = await request(server).get(`${api}/audit?${query}&limit=1`);
  expect(res.status).toBe(200);
  return res.body.items[0];
}

/** A followed answer, read as it comes. */
function follow(server: Server, path: string) {
  const { port } = server.address() as AddressInfo;
  let text = '';
  let res: IncomingMessage | undefined;
  const req = get(
    {
      host: '127.0.0.1',
      port,
      path,
      headers: { authorization: 'Bearer mock-user-token' },
    },
    r => {
      res = r;
      r.setEncoding('utf8');
      r.on('data', chunk => (text += chunk));
    },
  );
  req.on('error', () => undefined);
  return {
    text: () => text,
    status: () => res?.statusCode,
    close: () => req.destroy(),
  };
}

describe('container logs', () => {
  let dev: TestCluster;
  let server: Server;
  let policy: TestPolicy = allowAll;
  let ns: { name: string; remove(): Promise<void> };
  let pods: string[];

  beforeAll(async () => {
    [dev] = testClusters();
    ns = await createTestNamespace(dev, 'logs');
    const backend = await startK8sOpsBackend({
      policy: () => policy,
      config: {
        k8sOps: {
          cache: { prewarm: [] },
          clusters: [testClusterConfig(dev)],
        },
      },
    });
    server = backend.server;
    pods = await createTestDeployment(server, ns.name, 'talker', 2);
  });

  afterAll(async () => {
    await ns.remove();
  });

  beforeEach(() => {
    policy = allowAll;
  });

  const podLogs = (pod: string, query = '') =>
    `${api}/clusters/test-dev/pods/${pod}/logs?namespace=${ns.name}${query}`;
  const workloadLogs = (query = '') =>
    `${api}/clusters/test-dev/workloads/deployments/talker/logs?namespace=${ns.name}${query}`;

  it("answers a pod's log as text and records the view", async () => {
    const res = await request(server).get(podLogs(pods[0], '&tailLines=3'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const lines = res.text.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/simulated container log line/);
    expect(
      await lastAudit(server, `action=pod-logs&name=${pods[0]}`),
    ).toMatchObject({
      outcome: 'succeeded',
      kind: 'Pod',
      namespace: ns.name,
      cluster: 'test-dev',
      summary: 'last 3 lines',
    });
  });

  it('answers a file to save with download', async () => {
    const res = await request(server).get(podLogs(pods[0], '&download=true'));
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="${pods[0]}-main.log"`,
    );
  });

  it("merges a workload's pods in time order, each line prefixed with its pod", async () => {
    const res = await request(server).get(workloadLogs('&timestamps=true'));
    expect(res.status).toBe(200);
    const lines: string[] = res.text.trim().split('\n');
    const first = lines.filter(l => l.startsWith(`[${pods[0]}] `));
    const second = lines.filter(l => l.startsWith(`[${pods[1]}] `));
    expect(first.length).toBeGreaterThanOrEqual(20);
    expect(second.length).toBe(first.length);
    const times = lines.map(l => l.split(' ')[1]);
    expect([...times].sort()).toEqual(times);
    expect(
      await lastAudit(server, 'action=workload-logs&name=talker'),
    ).toMatchObject({ outcome: 'succeeded', kind: 'deployments' });
  });

  it('follows a pod: a line written later arrives on the open stream', async () => {
    const stream = follow(server, podLogs(pods[0], '&follow=true&tailLines=1'));
    try {
      await eventually('the first line', async () =>
        stream.text().includes('\n') ? true : undefined,
      );
      expect(stream.status()).toBe(200);
      const marker = `followed line ${Date.now()}`;
      await appendFile(
        dev.logsFile,
        `${new Date().toISOString()} stdout F ${marker}\n`,
      );
      await eventually('the new line', async () =>
        stream.text().includes(marker) ? true : undefined,
      );
    } finally {
      stream.close();
    }
  });

  it('follows a workload: a pod that starts during the follow is picked up', async () => {
    const stream = follow(server, workloadLogs('&follow=true&tailLines=1'));
    try {
      await eventually('lines of both pods', async () =>
        pods.every(p => stream.text().includes(`[${p}] `)) ? true : undefined,
      );
      const scaled = await request(server)
        .post(
          `${api}/clusters/test-dev/resources/deployments/talker/scale?namespace=${ns.name}`,
        )
        .send({ replicas: 3 });
      expect(scaled.status).toBe(200);
      const all = await runningPods(server, ns.name, 'talker', 3);
      const added = all.find((p: string) => !pods.includes(p))!;
      await eventually(
        `lines of the new pod ${added}`,
        async () =>
          stream.text().includes(`[${added}] INFO simulated container log`)
            ? true
            : undefined,
        30_000,
      );
    } finally {
      stream.close();
    }
  });

  it('403 without k8s-ops.pod.logs, recorded as a refused view', async () => {
    policy = name => (name === 'k8s-ops.pod.logs' ? deny : allowAll(name));
    const res = await request(server).get(podLogs(pods[0]));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      `You may not read the logs of Pod ${ns.name}/${pods[0]} on cluster 'test-dev'`,
    );
    expect(
      await lastAudit(server, `action=pod-logs&outcome=failed&name=${pods[0]}`),
    ).toMatchObject({ status: 403, actor: 'user:default/mock' });
  });

  it('follows a conditional decision: logs in the allowed namespace only', async () => {
    const inNamespace = (namespace: string): PolicyDecision => ({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'k8s-ops',
      resourceType: 'k8s-ops-resource',
      conditions: {
        rule: 'IS_IN_NAMESPACE',
        resourceType: 'k8s-ops-resource',
        params: { namespaces: [namespace] },
      },
    });
    policy = name =>
      name === 'k8s-ops.pod.logs' ? inNamespace(ns.name) : allowAll(name);
    expect((await request(server).get(podLogs(pods[0]))).status).toBe(200);
    expect((await request(server).get(workloadLogs())).status).toBe(200);
    policy = name =>
      name === 'k8s-ops.pod.logs' ? inNamespace('elsewhere') : allowAll(name);
    const refused = await request(server).get(workloadLogs());
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      `You may not read the logs of Deployment ${ns.name}/talker on cluster 'test-dev'`,
    );
  });

  it.each([
    ['a negative tailLines', '&tailLines=-1', 'tailLines'],
    ['a flag that is not a boolean', '&follow=yes', 'follow'],
    ['an unknown parameter', '&colour=red', 'colour'],
  ])('400 for %s, naming it', async (_what, query, field) => {
    const res = await request(server).get(podLogs(pods[0], query));
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(field);
  });

  it('400 for a container the pod does not have, naming those it has', async () => {
    const res = await request(server).get(podLogs(pods[0], '&container=nope'));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      `Pod ${ns.name}/${pods[0]} has no container 'nope'; it has main`,
    );
  });

  it('400 for a kind whose logs cannot be read', async () => {
    const res = await request(server).get(
      `${api}/clusters/test-dev/workloads/services/talker/logs?namespace=${ns.name}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      'deployments, statefulsets, daemonsets, jobs',
    );
  });

  it('404 for a pod that does not exist', async () => {
    const res = await request(server).get(podLogs('missing'));
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('missing');
  });
});
