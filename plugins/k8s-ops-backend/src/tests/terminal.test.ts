import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { ConfigReader } from '@backstage/config';
import {
  createTestNamespace,
  eventually,
  TestCluster,
  testClusters,
  testKubeConfig,
} from '@k8s-ops/local-kube/testing';
import { CoreV1Api } from '@kubernetes/client-node';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { ConfigClusterSource } from '../clusters/ConfigClusterSource';
import { KubeClientFactory } from '../kube/KubeClientFactory';
import { NODE_SHELL_LABEL, NodeShell } from '../streams/NodeShell';
import { Server } from 'node:http';
import request from 'supertest';
import { openTerminal } from '../__testUtils__/openTerminal';
import {
  allowAll,
  startK8sOpsBackend,
  TestPolicy,
} from '../__testUtils__/startK8sOpsBackend';
import { testClusterConfig } from '../__testUtils__/testClusterConfig';
import { createTestDeployment } from '../__testUtils__/testPods';

const api = '/api/k8s-ops';
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

/** The newest row of exactly the action queried (the filter matches parts). */
async function lastAudit(server: Server, query: string) {
  const action = new URLSearchParams(query).get('action');
  return eventually(`an audit row for ${query}`, async () => {
    const res = await request(server).get(`${api}/audit?${query}&limit=20`);
    return res.body.items?.find(
      (row: { action: string }) => !action || row.action === action,
    );
  });
}

describe('pod terminals', () => {
  let dev: TestCluster;
  let server: Server;
  let strict: Server;
  let policy: TestPolicy = allowAll;
  let ns: { name: string; remove(): Promise<void> };
  let pod: string;

  beforeAll(async () => {
    [dev] = testClusters();
    ns = await createTestNamespace(dev, 'terminal');
    const clusters = [testClusterConfig(dev)];
    server = (
      await startK8sOpsBackend({
        policy: () => policy,
        config: {
          k8sOps: {
            cache: { prewarm: [] },
            clusters,
            terminal: { nodeShell: { namespace: ns.name } },
          },
        },
      })
    ).server;
    // A second portal that keeps the input and allows one session each.
    strict = (
      await startK8sOpsBackend({
        policy: () => allowAll,
        config: {
          k8sOps: {
            cache: { prewarm: [] },
            clusters,
            audit: { execInput: true },
            terminal: { maxSessionsPerPerson: 1 },
          },
        },
      })
    ).server;
    [pod] = await createTestDeployment(server, ns.name, 'shell', 1);
  });

  afterAll(async () => {
    await ns.remove();
  });

  beforeEach(() => {
    policy = allowAll;
  });

  const query = () => ({ cluster: 'test-dev', namespace: ns.name, pod });

  it('runs echo in the shell and answers its output through the socket; audited at start and end', async () => {
    const terminal = openTerminal(server, query());
    await eventually('the notice of the shell', async () =>
      terminal.messages.find(m => m.type === 'notice'),
    );
    expect(terminal.messages[0]).toEqual({
      type: 'notice',
      message: `bash in ${ns.name}/${pod}, container main`,
    });
    terminal.type('echo k8s-ops-$((40+2))\r');
    await terminal.waitForOutput('k8s-ops-42');
    terminal.type('exit 3\r');
    const closed = await terminal.closed();
    expect(closed.code).toBe(1000);
    expect(closed.last).toEqual({
      type: 'exit',
      code: 3,
      message: 'The shell exited with code 3',
    });
    expect(
      await lastAudit(server, `action=pod-exec&name=${pod}`),
    ).toMatchObject({
      outcome: 'succeeded',
      actor: 'user:default/mock',
      kind: 'Pod',
      namespace: ns.name,
      summary: 'bash in container main',
    });
    const end = await lastAudit(server, `action=pod-exec-end&name=${pod}`);
    expect(end.summary).toMatch(
      /^The shell exited with code 3 after \d+(\.\d)? s$/,
    );
  });

  it('follows a resize: the shell sees the new size', async () => {
    const terminal = openTerminal(server, query());
    await eventually('the notice', async () => terminal.messages[0]);
    terminal.socket.send(
      JSON.stringify({ type: 'resize', cols: 123, rows: 45 }),
    );
    terminal.type('stty size\r');
    await terminal.waitForOutput('45 123');
    expect(terminal.output()).toMatch(/^45 123\r?$/m);
    terminal.socket.close();
  });

  it('refuses without k8s-ops.pod.exec, saying why, with an audit row', async () => {
    policy = name => (name === 'k8s-ops.pod.exec' ? deny : allowAll(name));
    const terminal = openTerminal(server, query());
    const closed = await terminal.closed();
    expect(closed.code).toBe(4403);
    expect(closed.last).toEqual({
      type: 'exit',
      message: `You may not open a terminal in Pod ${ns.name}/${pod} on cluster 'test-dev'`,
    });
    expect(
      await lastAudit(server, `action=pod-exec&outcome=failed&name=${pod}`),
    ).toMatchObject({ status: 403, actor: 'user:default/mock' });
  });

  it('refuses a request without a pod, naming the field (4400)', async () => {
    const terminal = openTerminal(server, {
      cluster: 'test-dev',
      namespace: ns.name,
    });
    const closed = await terminal.closed();
    expect(closed.code).toBe(4400);
    expect(closed.last).toMatchObject({ type: 'exit' });
    expect((closed.last as { message: string }).message).toMatch(
      /^Invalid terminal request.*pod/,
    );
  });

  it('refuses a container the pod does not have (4400)', async () => {
    const terminal = openTerminal(server, { ...query(), container: 'nope' });
    const closed = await terminal.closed();
    expect(closed.code).toBe(4400);
    expect(closed.last).toEqual({
      type: 'exit',
      message: `Pod ${ns.name}/${pod} has no container 'nope'; it has main`,
    });
  });

  it('refuses the upgrade without a Backstage token (401)', async () => {
    const terminal = openTerminal(server, query(), null);
    expect(await terminal.refused()).toBe(401);
  });

  it('keeps the input in the audit when the portal asks for it, and limits sessions per person', async () => {
    const first = openTerminal(strict, query());
    await eventually('the notice', async () => first.messages[0]);
    const second = openTerminal(strict, query());
    const refused = await second.closed();
    expect(refused.code).toBe(4403);
    expect(refused.last).toEqual({
      type: 'exit',
      message:
        'You already have 1 terminals open, the most allowed; close one first',
    });
    first.type('echo kept\r');
    await first.waitForOutput('kept');
    first.socket.close();
    const end = await lastAudit(strict, `action=pod-exec-end&name=${pod}`);
    expect(end.summary).toMatch(
      /^The person left after \d+(\.\d)? s; input: "echo kept\\r"$/,
    );
  });

  describe('on a node', () => {
    let node: string;
    const core = () => testKubeConfig(dev).makeApiClient(CoreV1Api);
    const debugPods = async () =>
      (
        await core().listNamespacedPod({
          namespace: ns.name,
          labelSelector: `${NODE_SHELL_LABEL}=true`,
        })
      ).items;

    beforeAll(async () => {
      node = (await core().listNode()).items[0].metadata!.name!;
    });

    it('runs a shell through a debug pod on the node, removed when the session ends', async () => {
      const terminal = openTerminal(
        server,
        { cluster: 'test-dev', node },
        'mock-user-token',
        'node-terminal',
      );
      const notice = await eventually('the notice of the shell', async () =>
        terminal.messages.find(m => m.type === 'notice'),
      );
      // The local cluster's kubelet runs commands on this machine, which
      // refuses nsenter to an unprivileged test: the debug pod's shell is
      // the one that answers here.
      expect((notice as { message: string }).message).toMatch(
        new RegExp(
          `^bash (on the node|in the debug pod \\(the node refused nsenter\\)): node ${node}, debug pod node-shell-`,
        ),
      );
      expect(await debugPods()).toHaveLength(1);
      terminal.type('echo on-the-node-$((2+3))\r');
      await terminal.waitForOutput('on-the-node-5');
      terminal.socket.close();
      await eventually('the debug pod to be removed', async () =>
        (await debugPods()).length === 0 ? true : undefined,
      );
      expect(
        await lastAudit(server, `action=node-exec&name=${node}`),
      ).toMatchObject({ outcome: 'succeeded', kind: 'Node' });
      expect(
        (await lastAudit(server, `action=node-exec-end&name=${node}`)).summary,
      ).toMatch(/^The person left after /);
    });

    it('refuses without k8s-ops.node.exec, before any debug pod, with an audit row', async () => {
      policy = name => (name === 'k8s-ops.node.exec' ? deny : allowAll(name));
      const terminal = openTerminal(
        server,
        { cluster: 'test-dev', node },
        'mock-user-token',
        'node-terminal',
      );
      const closed = await terminal.closed();
      expect(closed.code).toBe(4403);
      expect(closed.last).toEqual({
        type: 'exit',
        message: `You may not open a terminal on Node ${node} on cluster 'test-dev'`,
      });
      expect(await debugPods()).toHaveLength(0);
      expect(
        await lastAudit(server, `action=node-exec&outcome=failed&name=${node}`),
      ).toMatchObject({ status: 403 });
    });

    it('the scheduled cleanup removes debug pods idle for 30 minutes, and keeps the others', async () => {
      const debugPod = (name: string, lastUsed: Date) =>
        core().createNamespacedPod({
          namespace: ns.name,
          body: {
            metadata: {
              name,
              labels: { [NODE_SHELL_LABEL]: 'true' },
              annotations: { 'k8s-ops.dev/last-used': lastUsed.toISOString() },
            },
            spec: {
              nodeName: node,
              containers: [{ name: 'shell', image: 'busybox:1.36' }],
            },
          },
        });
      await debugPod('left-behind', new Date(Date.now() - 31 * 60_000));
      await debugPod('in-use', new Date());
      const config = new ConfigReader({
        k8sOps: { clusters: [testClusterConfig(dev)] },
      });
      const shells = new NodeShell({
        registry: new ClusterRegistry([new ConfigClusterSource(config)]),
        clients: new KubeClientFactory(),
        logger: { warn: jest.fn() } as never,
        settings: { namespace: ns.name, image: 'unused', idleMs: 30 * 60_000 },
      });
      // Other test files may leave debug pods of their own elsewhere.
      expect(await shells.cleanup()).toBeGreaterThanOrEqual(1);
      await eventually('only the pod in use to be left', async () => {
        const names = (await debugPods()).map(p => p.metadata!.name);
        return names.length === 1 && names[0] === 'in-use' ? true : undefined;
      });
    });
  });
});
