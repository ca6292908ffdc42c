import {
  eventually,
  TestCluster,
  testClusters,
} from '@k8s-ops/local-kube/testing';
import knexFactory, { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { get, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/createTestDatabases';
import {
  testClusterConfig,
  testClusterKubeconfig,
} from '../__testUtils__/testClusterConfig';
import {
  allowAll,
  startK8sOpsBackend,
} from '../__testUtils__/startK8sOpsBackend';

const api = '/api/k8s-ops';
const databases = createTestDatabases();
const key = randomBytes(32).toString('base64');

/** What a backend's cache watches on a cluster. */
async function watched(server: Server, cluster: string): Promise<string[]> {
  const res = await request(server).get(`${api}/cache`);
  expect(res.status).toBe(200);
  return res.body.items
    .filter((s: { cluster: string }) => s.cluster === cluster)
    .map((s: { resource: string }) => s.resource)
    .sort();
}

describe('two backend replicas on one PostgreSQL', () => {
  let dev: TestCluster;
  let one: Server;
  let two: Server;
  const connections: Knex[] = [];

  beforeAll(async () => {
    [dev] = testClusters();
    const knex = await databases.init('POSTGRES_15');
    // The second replica has connections of its own to the same database.
    const other = knexFactory({
      client: 'pg',
      connection: knex.client.config.connection,
    });
    connections.push(other);
    const start = (db: Knex) =>
      startK8sOpsBackend({
        knex: db,
        policy: () => allowAll,
        config: {
          k8sOps: {
            cache: { prewarm: ['configmaps'] },
            encryption: { keys: [key] },
          },
        },
      });
    one = (await start(knex)).server;
    two = (await start(other)).server;
  });

  afterAll(async () => {
    await Promise.all(connections.map(c => c.destroy()));
  });

  it('a cluster registered on one replica is watched by the other, and once removed there, no longer', async () => {
    const registered = await request(one)
      .post(`${api}/clusters`)
      .send({ kubeconfig: testClusterKubeconfig(dev), name: 'shared' });
    expect(registered.status).toBe(201);

    // The other replica notices the new cluster and prewarms it.
    await eventually(
      'the second replica watches the registered cluster',
      async () =>
        (await watched(two, 'shared')).includes('configmaps')
          ? true
          : undefined,
    );
    const list = await request(two).get(
      `${api}/clusters/shared/resources/configmaps`,
    );
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(0);

    const removed = await request(one).delete(`${api}/clusters/shared`);
    expect(removed.status).toBe(204);

    await eventually(
      'the second replica stops watching the removed cluster',
      async () =>
        (await watched(two, 'shared')).length === 0 ? true : undefined,
      15_000,
    );
    expect((await request(two).get(`${api}/clusters/shared`)).status).toBe(404);
    const after = await request(two).get(
      `${api}/clusters/shared/resources/configmaps`,
    );
    expect(after.status).toBe(404);
    expect(after.body.error.message).toBe("No cluster named 'shared'");
    expect(await watched(one, 'shared')).toEqual([]);
  });
});

describe('shutdown', () => {
  it('ends open change streams and stops watching', async () => {
    const [dev] = testClusters();
    const backend = await startK8sOpsBackend({
      policy: () => allowAll,
      config: {
        k8sOps: {
          cache: { prewarm: [] },
          // Only what the stream opens is watched.
          search: { enabled: false },
          clusters: [
            testClusterConfig(dev, { name: 'closing', group: undefined }),
          ],
        },
      },
    });
    const { port } = backend.server.address() as AddressInfo;
    // The end of the stream, wrapped so that opening does not wait for it.
    const { ended } = await new Promise<{ ended: Promise<string> }>(
      (resolveOpen, reject) => {
        const stream = get(
          `http://127.0.0.1:${port}${api}/changes?resources=configmaps`,
          res => {
            res.setEncoding('utf8');
            let text = '';
            const done = new Promise<string>(r => res.on('end', () => r(text)));
            res.on('data', (chunk: string) => {
              text += chunk;
              if (text.includes(': connected')) {
                resolveOpen({ ended: done });
              }
            });
          },
        );
        stream.on('error', reject);
      },
    );
    expect(await watched(backend.server, 'closing')).toEqual(['configmaps']);
    await backend.stop();
    await expect(ended).resolves.toContain(': connected');
  });
});
