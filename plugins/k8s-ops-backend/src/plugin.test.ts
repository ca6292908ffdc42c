import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import request from 'supertest';
import { k8sOpsPlugin } from './plugin';
import { startWebSocketTestBackend } from './__testUtils__/startWebSocketTestBackend';

const clusters = [
  {
    name: 'dev',
    title: 'Development',
    url: 'https://127.0.0.1:6443',
    token: 'dev-secret-token',
    group: 'dev',
    labels: { region: 'eu' },
  },
  {
    name: 'prod',
    url: 'https://127.0.0.1:7443',
    token: 'prod-secret-token',
    group: 'prod',
    readOnly: true,
  },
];

async function startWith(decision: PolicyDecision) {
  const permissions = mockServices.permissions.mock({
    authorize: jest.fn(async requests =>
      requests.map(() => ({
        result:
          decision.result === AuthorizeResult.ALLOW
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
    ),
    authorizeConditional: jest.fn(async requests =>
      requests.map(() => decision),
    ),
  });
  const { server } = await startWebSocketTestBackend({
    features: [
      k8sOpsPlugin,
      mockServices.rootConfig.factory({
        data: { k8sOps: { clusters, cache: { prewarm: [] } } },
      }),
      permissions.factory,
    ],
  });
  return server;
}

describe('k8s-ops backend plugin', () => {
  it('answers /health without sign-in: version and number of clusters', async () => {
    const server = await startWith({ result: AuthorizeResult.ALLOW });
    const res = await request(server)
      .get('/api/k8s-ops/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', version: '0.1.0', clusters: 2 });
  });

  it('lists clusters without their credentials', async () => {
    const server = await startWith({ result: AuthorizeResult.ALLOW });
    const res = await request(server).get('/api/k8s-ops/clusters');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        name: 'dev',
        title: 'Development',
        source: 'config',
        url: 'https://127.0.0.1:6443',
        group: 'dev',
        labels: { region: 'eu' },
        readOnly: false,
        impersonate: false,
        mayChange: true,
      },
      expect.objectContaining({ name: 'prod', title: 'prod', readOnly: true }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain('secret-token');
  });

  it('401 for /clusters without sign-in', async () => {
    const server = await startWith({ result: AuthorizeResult.ALLOW });
    const res = await request(server)
      .get('/api/k8s-ops/clusters')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('an empty list, not an error, when reading clusters is denied', async () => {
    const server = await startWith({ result: AuthorizeResult.DENY });
    const res = await request(server).get('/api/k8s-ops/clusters');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it('filters clusters by the conditions of a conditional decision', async () => {
    const server = await startWith({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'k8s-ops',
      resourceType: 'k8s-ops-cluster',
      conditions: {
        rule: 'IS_IN_CLUSTER_GROUP',
        resourceType: 'k8s-ops-cluster',
        params: { groups: ['dev'] },
      },
    });
    const list = await request(server).get('/api/k8s-ops/clusters');
    expect(list.body.items.map((c: { name: string }) => c.name)).toEqual([
      'dev',
    ]);
    const hidden = await request(server).get('/api/k8s-ops/clusters/prod');
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.message).toBe("No cluster named 'prod'");
  });

  it.each([
    [
      '/api/k8s-ops/clusters/Not_A_Name',
      400,
      'cluster: must be a lowercase DNS label',
    ],
    ['/api/k8s-ops/clusters/missing', 404, "No cluster named 'missing'"],
    ['/api/k8s-ops/audit?limit=0', 400, 'limit'],
    ['/api/k8s-ops/audit?limit=ten', 400, 'limit'],
    [
      '/api/k8s-ops/audit?since=yesterday',
      400,
      'since: must be an ISO 8601 time',
    ],
    ['/api/k8s-ops/audit?outcome=maybe', 400, 'outcome'],
    ['/api/k8s-ops/audit?sortBy=name', 400, 'sortBy'],
    ['/api/k8s-ops/audit?cursor=bogus', 400, 'Invalid cursor'],
  ])('%s answers %i naming the problem', async (url, status, message) => {
    const server = await startWith({ result: AuthorizeResult.ALLOW });
    const res = await request(server).get(url);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toContain(message);
  });

  it('403 for the audit trail without the audit-read permission', async () => {
    const server = await startWith({ result: AuthorizeResult.DENY });
    const res = await request(server).get('/api/k8s-ops/audit');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'You may not read the k8s-ops audit trail',
    );
  });

  it('answers an empty audit trail page to a permitted reader', async () => {
    const server = await startWith({ result: AuthorizeResult.ALLOW });
    const res = await request(server).get('/api/k8s-ops/audit?limit=10');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [] });
  });
});
