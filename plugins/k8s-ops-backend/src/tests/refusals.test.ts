import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createTestNamespace,
  TestCluster,
  testClusters,
} from '@k8s-ops/local-kube/testing';
import { Server } from 'node:http';
import request from 'supertest';
import { testClusterConfig } from '../__testUtils__/testClusterConfig';
import {
  allowAll,
  startK8sOpsBackend,
  TestPolicy,
} from '../__testUtils__/startK8sOpsBackend';

const api = '/api/k8s-ops';

const onlyIn = (namespace: string): PolicyDecision => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'k8s-ops',
  resourceType: 'k8s-ops-resource',
  conditions: {
    rule: 'IS_IN_NAMESPACE',
    resourceType: 'k8s-ops-resource',
    params: { namespaces: [namespace] },
  },
});

async function lastAudit(server: Server, query: string) {
  const res = await request(server).get(`${api}/audit?${query}&limit=1`);
  expect(res.status).toBe(200);
  return res.body.items[0];
}

describe('refusals and honest answers', () => {
  let dev: TestCluster;
  let server: Server;
  let policy: TestPolicy = allowAll;
  let ns: { name: string; remove(): Promise<void> };

  beforeAll(async () => {
    [dev] = testClusters();
    ns = await createTestNamespace(dev, 'refusals');
    const backend = await startK8sOpsBackend({
      policy: () => policy,
      config: {
        k8sOps: {
          cache: { prewarm: [] },
          clusters: [
            testClusterConfig(dev),
            testClusterConfig(dev, { name: 'dev-read-only', readOnly: true }),
          ],
        },
      },
    });
    server = backend.server;
    const secret = await request(server)
      .post(`${api}/clusters/test-dev/resources`)
      .send({
        object: {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'db', namespace: ns.name },
          stringData: { password: 'hunter2-not-real' },
        },
      });
    if (secret.status !== 201) {
      throw new Error(`Could not create the test Secret: ${secret.text}`);
    }
  });

  afterAll(async () => {
    await ns.remove();
  });

  beforeEach(() => {
    policy = allowAll;
  });

  const secretUrl = () =>
    `${api}/clusters/test-dev/resources/secrets/db?namespace=${ns.name}`;

  it('a create answers 201 and is recorded with 201', async () => {
    const res = await request(server)
      .post(`${api}/clusters/test-dev/resources`)
      .send({
        object: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'made', namespace: ns.name },
          data: { a: '1' },
        },
      });
    expect(res.status).toBe(201);
    expect(
      await lastAudit(server, `action=resource-create&name=made`),
    ).toMatchObject({ outcome: 'succeeded', status: 201, kind: 'ConfigMap' });
  });

  it('403 for a change by a service token, which may still read; audited', async () => {
    const read = await request(server)
      .get(`${api}/clusters/test-dev/resources/configmaps?namespace=${ns.name}`)
      .set('Authorization', mockCredentials.service.header());
    expect(read.status).toBe(200);
    const scale = await request(server)
      .post(
        `${api}/clusters/test-dev/resources/deployments/storefront/scale?namespace=team-shop`,
      )
      .set('Authorization', mockCredentials.service.header())
      .send({ replicas: 3 });
    expect(scale.status).toBe(403);
    expect(scale.body.error.message).toBe(
      'Only a signed-in person may change objects; a service or static token may only read',
    );
    expect(
      await lastAudit(server, 'action=resource-scale&outcome=failed'),
    ).toMatchObject({ status: 403, kind: 'Deployment', name: 'storefront' });
    const reveal = await request(server)
      .post(
        `${api}/clusters/test-dev/resources/secrets/db/reveal?namespace=${ns.name}`,
      )
      .set('Authorization', mockCredentials.service.header());
    expect(reveal.status).toBe(403);
  });

  it('404 for an object the person may not read, worded as for a missing one', async () => {
    policy = name =>
      name.startsWith('k8s-ops.resource.')
        ? onlyIn('team-shop')
        : { result: AuthorizeResult.ALLOW };
    const hidden = await request(server).get(
      `${api}/clusters/test-dev/resources/deployments/session-cache?namespace=team-data`,
    );
    const missing = await request(server).get(
      `${api}/clusters/test-dev/resources/deployments/no-such-thing?namespace=team-data`,
    );
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.body.error.message).toBe(
      "Deployment team-data/session-cache not found on cluster 'test-dev'",
    );
    expect(missing.body.error.message).toBe(
      "Deployment team-data/no-such-thing not found on cluster 'test-dev'",
    );
    const scale = await request(server)
      .post(
        `${api}/clusters/test-dev/resources/deployments/session-cache/scale?namespace=team-data`,
      )
      .send({ replicas: 2 });
    expect(scale.status).toBe(404);
  });

  it('on a read-only cluster, a missing object is refused like an existing one, and the row names the kind', async () => {
    const existing = await request(server).delete(
      `${api}/clusters/dev-read-only/resources/deployments/storefront?namespace=team-shop`,
    );
    const missing = await request(server).delete(
      `${api}/clusters/dev-read-only/resources/deployments/no-such-thing?namespace=team-shop`,
    );
    expect(existing.status).toBe(403);
    expect(missing.status).toBe(403);
    expect(missing.body.error.message).toBe(
      "Cluster 'dev-read-only' is read-only: k8s-ops refuses every change to it",
    );
    expect(
      await lastAudit(
        server,
        'cluster=dev-read-only&action=resource-delete&name=no-such-thing',
      ),
    ).toMatchObject({ outcome: 'failed', status: 403, kind: 'Deployment' });
  });

  it('masks Secret values in reads and the change stream; only a reveal shows them, audited', async () => {
    const got = await request(server).get(secretUrl());
    expect(got.body.data).toEqual({ password: '' });
    expect(JSON.stringify(got.body)).not.toContain(
      Buffer.from('hunter2-not-real').toString('base64'),
    );
    const list = await request(server).get(
      `${api}/clusters/test-dev/resources/secrets?namespace=${ns.name}`,
    );
    expect(list.body.items[0].data).toEqual({ password: '' });

    const revealed = await request(server).post(
      `${api}/clusters/test-dev/resources/secrets/db/reveal?namespace=${ns.name}`,
    );
    expect(revealed.status).toBe(200);
    expect(Buffer.from(revealed.body.data.password, 'base64').toString()).toBe(
      'hunter2-not-real',
    );
    const row = await lastAudit(server, 'action=secret-reveal&name=db');
    expect(row).toMatchObject({
      outcome: 'succeeded',
      kind: 'Secret',
      namespace: ns.name,
      summary: 'revealed 1 values',
    });
    expect(JSON.stringify(row)).not.toContain('hunter2');
  });

  it('400 for applying a Secret read with its values hidden, which would erase them', async () => {
    const masked = await request(server).get(secretUrl());
    const { metadata } = masked.body;
    const res = await request(server)
      .post(`${api}/clusters/test-dev/apply`)
      .send({
        object: {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: {
            name: metadata.name,
            namespace: metadata.namespace,
            annotations: metadata.annotations,
          },
          data: masked.body.data,
        },
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('read with its values hidden');
    const revealed = await request(server).post(
      `${api}/clusters/test-dev/resources/secrets/db/reveal?namespace=${ns.name}`,
    );
    expect(Buffer.from(revealed.body.data.password, 'base64').toString()).toBe(
      'hunter2-not-real',
    );
  });

  it('403 for a reveal without the reveal permission, audited; 400 for an object that is not a Secret', async () => {
    policy = name =>
      name === 'k8s-ops.secret.reveal'
        ? { result: AuthorizeResult.DENY }
        : { result: AuthorizeResult.ALLOW };
    const refused = await request(server).post(
      `${api}/clusters/test-dev/resources/secrets/db/reveal?namespace=${ns.name}`,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      `You may not reveal the values of Secret ${ns.name}/db on cluster 'test-dev'`,
    );
    expect(
      await lastAudit(server, 'action=secret-reveal&outcome=failed'),
    ).toMatchObject({ status: 403, name: 'db' });

    policy = allowAll;
    const notSecret = await request(server).post(
      `${api}/clusters/test-dev/resources/configmaps/made/reveal?namespace=${ns.name}`,
    );
    expect(notSecret.status).toBe(400);
  });
});

describe('global read-only', () => {
  let server: Server;

  beforeAll(async () => {
    const [dev] = testClusters();
    const backend = await startK8sOpsBackend({
      policy: () => allowAll,
      config: {
        k8sOps: {
          readOnly: true,
          cache: { prewarm: [] },
          clusters: [testClusterConfig(dev)],
        },
      },
    });
    server = backend.server;
  });

  it('reports every cluster as read-only and names the cluster in refusals', async () => {
    const clusters = await request(server).get(`${api}/clusters`);
    expect(
      clusters.body.items.map((c: { readOnly: boolean }) => c.readOnly),
    ).toEqual([true]);
    const scale = await request(server)
      .post(
        `${api}/clusters/test-dev/resources/deployments/storefront/scale?namespace=team-shop`,
      )
      .send({ replicas: 3 });
    expect(scale.status).toBe(403);
    expect(scale.body.error.message).toBe(
      "Cluster 'test-dev' is read-only: k8s-ops is read-only (k8sOps.readOnly) and refuses every change to every cluster",
    );
  });
});
