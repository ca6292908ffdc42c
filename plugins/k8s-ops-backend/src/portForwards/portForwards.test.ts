import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { CoreV1Api } from '@kubernetes/client-node';
import {
  createTestNamespace,
  eventually,
  TestCluster,
  testClusters,
  testKubeConfig,
} from '@k8s-ops/local-kube/testing';
import { Server } from 'node:http';
import request from 'supertest';
import WebSocket from 'ws';
import {
  allowAll,
  startK8sOpsBackend,
  TestPolicy,
} from '../__testUtils__/startK8sOpsBackend';
import { testClusterConfig } from '../__testUtils__/testClusterConfig';

const api = '/api/k8s-ops';
const dana = mockCredentials.user('user:default/dana');
const sam = mockCredentials.user('user:default/sam');
const danaAuth = mockCredentials.user.header('user:default/dana');
const samAuth = mockCredentials.user.header('user:default/sam');

const denyPortForward: TestPolicy = permission =>
  permission === 'k8s-ops.pod.portforward'
    ? { result: AuthorizeResult.DENY }
    : { result: AuthorizeResult.ALLOW };

/** Everything but the admin permission: a person, not an admin. */
const person: TestPolicy = permission =>
  permission === 'k8s-ops.cluster.manage'
    ? { result: AuthorizeResult.DENY }
    : { result: AuthorizeResult.ALLOW };

const onlyNamespace =
  (namespace: string): TestPolicy =>
  permission =>
    permission === 'k8s-ops.pod.portforward'
      ? ({
          result: AuthorizeResult.CONDITIONAL,
          pluginId: 'k8s-ops',
          resourceType: 'k8s-ops-resource',
          conditions: {
            rule: 'IS_IN_NAMESPACE',
            resourceType: 'k8s-ops-resource',
            params: { namespaces: [namespace] },
          },
        } as PolicyDecision)
      : person(permission);

describe('port-forwards against a real cluster', () => {
  let dev: TestCluster;
  let server: Server;
  let policy: TestPolicy = allowAll;
  let pod: string;

  beforeAll(async () => {
    [dev] = testClusters();
    const backend = await startK8sOpsBackend({
      policy: () => policy,
      config: {
        k8sOps: {
          cache: { prewarm: [] },
          clusters: [testClusterConfig(dev)],
          portForwards: { replica: 'replica-a', maxPerPerson: 3 },
        },
      },
    });
    server = backend.server;
    const core = testKubeConfig(dev).makeApiClient(CoreV1Api);
    pod = await eventually('a running orders-db pod', async () => {
      const pods = await core.listNamespacedPod({
        namespace: 'team-data',
        labelSelector: 'app.kubernetes.io/name=orders-db',
      });
      return pods.items.find(p => p.status?.phase === 'Running')?.metadata
        ?.name;
    });
  });

  afterEach(async () => {
    policy = allowAll;
    // Each test starts without sessions of its own.
    const all = await request(server)
      .get(`${api}/port-forwards?scope=all`)
      .set('authorization', danaAuth);
    for (const session of all.body.items ?? []) {
      if (session.state === 'active') {
        await request(server)
          .delete(`${api}/port-forwards/${session.id}`)
          .set('authorization', danaAuth);
      }
    }
  });

  const start = (body: object, auth = danaAuth) =>
    request(server)
      .post(`${api}/port-forwards`)
      .set('authorization', auth)
      .send(body);

  const podBody = (ports = [5432]) => ({
    cluster: 'test-dev',
    namespace: 'team-data',
    target: { kind: 'pod', name: pod },
    ports,
  });

  it('201 for a session on a pod; the proxy answers HTTP from the pod; listed as mine', async () => {
    const res = await start(podBody());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      owner: 'user:default/dana',
      cluster: 'test-dev',
      namespace: 'team-data',
      target: { kind: 'pod', name: pod },
      pod,
      ports: [{ port: 5432, podPort: 5432 }],
      state: 'active',
      replica: 'replica-a',
      proxyPath: `/port-forwards/${res.body.id}/proxy/`,
    });

    const proxied = await request(server)
      .get(`${api}/port-forwards/${res.body.id}/proxy/status?x=1`)
      .set('authorization', danaAuth);
    expect(proxied.status).toBe(200);
    expect(proxied.text).toBe(
      'hello from a pod of test-dev: GET /status?x=1\n',
    );

    const echoed = await request(server)
      .post(`${api}/port-forwards/${res.body.id}/proxy/echo`)
      .set('authorization', danaAuth)
      .set('content-type', 'application/json')
      .send('{"a":1}');
    expect(echoed.status).toBe(200);
    expect(Buffer.from(echoed.body).toString('utf8')).toBe('{"a":1}');

    const mine = await request(server)
      .get(`${api}/port-forwards`)
      .set('authorization', danaAuth);
    expect(mine.status).toBe(200);
    expect(mine.body.all).toBe(false);
    expect(mine.body.items.map((s: { id: string }) => s.id)).toContain(
      res.body.id,
    );

    const audit = await request(server)
      .get(`${api}/audit?action=port-forward-start&limit=1`)
      .set('authorization', danaAuth);
    expect(audit.body.items[0]).toMatchObject({
      actor: 'user:default/dana',
      outcome: 'succeeded',
      status: 201,
      cluster: 'test-dev',
      namespace: 'team-data',
      kind: 'Pod',
      name: pod,
    });
  });

  it('resolves a Service to its ready pod and a named target port', async () => {
    const res = await start({
      cluster: 'test-dev',
      namespace: 'team-data',
      target: { kind: 'service', name: 'session-cache' },
      ports: [6379],
    });
    expect(res.status).toBe(201);
    expect(res.body.pod).toMatch(/^session-cache-/);
    expect(res.body.ports).toEqual([{ port: 6379, podPort: 6379 }]);
  });

  it('400 for a Service port it does not have, naming its ports', async () => {
    const res = await start({
      cluster: 'test-dev',
      namespace: 'team-data',
      target: { kind: 'service', name: 'orders-db' },
      ports: [80],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Service team-data/orders-db has no port 80; its ports are 5432',
    );
  });

  it.each([
    [{}, 'Invalid request: cluster: Invalid input'],
    [
      { ...podBodyOf('x'), ports: [] },
      'Invalid request: ports: name at least one port',
    ],
    [
      { ...podBodyOf('x'), ports: [70000] },
      'Invalid request: ports[0]: must be between 1 and 65535',
    ],
    [
      { ...podBodyOf('x'), target: { kind: 'deployment', name: 'x' } },
      'Invalid request: target.kind',
    ],
    [
      { ...podBodyOf('x'), ports: [80, 80] },
      'Invalid request: ports: repeats a port',
    ],
  ])('400 for a bad start request %#', async (body, message) => {
    const res = await start(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('400 for an id that is not a session id; 404 for an unknown one', async () => {
    const bad = await request(server)
      .delete(`${api}/port-forwards/nope`)
      .set('authorization', danaAuth);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'Invalid request: id: must be a port-forward session id',
    );
    const unknown = await request(server)
      .get(`${api}/port-forwards/00000000-0000-4000-8000-000000000000`)
      .set('authorization', danaAuth);
    expect(unknown.status).toBe(404);
  });

  it('404 for a pod that does not exist, audited as a failed start', async () => {
    const res = await start({
      ...podBody(),
      target: { kind: 'pod', name: 'nope' },
    });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      "Pod team-data/nope not found on cluster 'test-dev'",
    );
  });

  it('403 without k8s-ops.pod.portforward, with an audit row', async () => {
    policy = denyPortForward;
    const res = await start(podBody());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      `You may not forward ports of Pod team-data/${pod} on cluster 'test-dev'`,
    );
    policy = allowAll;
    const audit = await request(server)
      .get(`${api}/audit?action=port-forward-start&outcome=failed&limit=1`)
      .set('authorization', danaAuth);
    expect(audit.body.items[0]).toMatchObject({
      actor: 'user:default/dana',
      status: 403,
      name: pod,
    });
  });

  it('403 where the conditional permission leaves the namespace out', async () => {
    policy = onlyNamespace('team-shop');
    expect((await start(podBody())).status).toBe(403);
  });

  it("another person's session is missing to them; an admin lists, uses and stops it", async () => {
    policy = person;
    const res = await start(podBody(), danaAuth);
    expect(res.status).toBe(201);
    const { id } = res.body;

    expect(
      (
        await request(server)
          .get(`${api}/port-forwards/${id}`)
          .set('authorization', samAuth)
      ).status,
    ).toBe(404);
    expect(
      (
        await request(server)
          .get(`${api}/port-forwards/${id}/proxy/`)
          .set('authorization', samAuth)
      ).status,
    ).toBe(404);
    const samAll = await request(server)
      .get(`${api}/port-forwards?scope=all`)
      .set('authorization', samAuth);
    expect(samAll.status).toBe(403);

    policy = allowAll;
    const all = await request(server)
      .get(`${api}/port-forwards?scope=all`)
      .set('authorization', samAuth);
    expect(all.body.all).toBe(true);
    expect(all.body.items.map((s: { id: string }) => s.id)).toContain(id);
    const stopped = await request(server)
      .delete(`${api}/port-forwards/${id}`)
      .set('authorization', samAuth);
    expect(stopped.status).toBe(200);
    expect(stopped.body.state).toBe('stopped');

    const proxied = await request(server)
      .get(`${api}/port-forwards/${id}/proxy/`)
      .set('authorization', danaAuth);
    expect(proxied.status).toBe(409);
    expect(proxied.body.error.message).toBe(
      `Port-forward session ${id} has stopped`,
    );
    const audit = await request(server)
      .get(`${api}/audit?action=port-forward-stop&limit=1`)
      .set('authorization', danaAuth);
    expect(audit.body.items[0]).toMatchObject({
      actor: 'user:default/sam',
      outcome: 'succeeded',
    });
    expect(audit.body.items[0].summary).toContain('of user:default/dana');
  });

  it('409 beyond the per-person limit', async () => {
    for (const port of [1, 2, 3]) {
      expect((await start(podBody([port]))).status).toBe(201);
    }
    const res = await start(podBody([4]));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      'You have 3 port-forwards open, the most a person may have; stop one first',
    );
  });

  it('403 for a service token: only a person forwards ports', async () => {
    const res = await start(podBody(), mockCredentials.service.header());
    expect(res.status).toBe(403);
  });

  it('tunnels a WebSocket to the port; refuses one for an unknown port before the upgrade', async () => {
    const { body } = await start(podBody([8080]));
    const address = server.address() as { port: number };
    const url = `ws://127.0.0.1:${address.port}${api}/port-forwards/tunnel`;
    const ws = new WebSocket(`${url}?id=${body.id}&port=8080`, {
      headers: { authorization: danaAuth },
    });
    const answer = await new Promise<string>((resolveAnswer, reject) => {
      let text = '';
      ws.on('open', () =>
        ws.send(Buffer.from('GET /ws HTTP/1.1\r\nHost: x\r\n\r\n')),
      );
      ws.on('message', (data: Buffer) => {
        text += data.toString('utf8');
        if (text.endsWith('GET /ws\n')) {
          resolveAnswer(text);
        }
      });
      ws.on('error', reject);
    });
    ws.close();
    expect(answer).toMatch(/^HTTP\/1.1 200 OK/);

    const refused = new WebSocket(`${url}?id=${body.id}&port=9`, {
      headers: { authorization: danaAuth },
    });
    const status = await refusal(refused);
    expect(status.code).toBe(404);
    expect(JSON.parse(status.text).error.message).toBe(
      `Port-forward session ${body.id} does not forward port 9; it forwards 8080`,
    );
  });

  it('proxies a WebSocket to a path of the first port, the pod answering the handshake', async () => {
    const { body } = await start(podBody([8080]));
    const address = server.address() as { port: number };
    const ws = new WebSocket(
      `ws://127.0.0.1:${address.port}${api}/port-forwards/proxy?id=${
        body.id
      }&path=${encodeURIComponent('/live?x=1')}`,
      { headers: { authorization: danaAuth } },
    );
    const message = await new Promise<string>((resolveMessage, reject) => {
      ws.once('message', data => resolveMessage(String(data)));
      ws.once('error', reject);
    });
    expect(message).toBe(
      'hello over a WebSocket from a pod of test-dev: /live?x=1',
    );
    ws.close();
  });

  it('400 for a WebSocket proxy path that is not one', async () => {
    const { body } = await start(podBody([8080]));
    const address = server.address() as { port: number };
    const ws = new WebSocket(
      `ws://127.0.0.1:${address.port}${api}/port-forwards/proxy?id=${body.id}&path=nope`,
      { headers: { authorization: danaAuth } },
    );
    const answer = await refusal(ws);
    expect(answer.code).toBe(400);
    expect(JSON.parse(answer.text).error.message).toBe(
      'Invalid request: path: must be a path starting with /, without spaces',
    );
  });

  it('401 for a tunnel without a token', async () => {
    const address = server.address() as { port: number };
    const ws = new WebSocket(
      `ws://127.0.0.1:${address.port}${api}/port-forwards/tunnel?id=x&port=1`,
    );
    expect((await refusal(ws)).code).toBe(401);
  });
});

/** The answer of a WebSocket upgrade the backend refused: status and body. */
function refusal(ws: WebSocket): Promise<{ code?: number; text: string }> {
  return new Promise(resolveRefusal =>
    ws.on('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', chunk => {
        text += chunk;
      });
      res.on('end', () => resolveRefusal({ code: res.statusCode, text }));
    }),
  );
}

function podBodyOf(name: string) {
  return {
    cluster: 'test-dev',
    namespace: 'team-data',
    target: { kind: 'pod', name },
    ports: [80],
  };
}

// Unused in some runs; kept for the namespace-scoped cases.
void createTestNamespace;
void dana;
void sam;
