import {
  createTestNamespace,
  testClusters,
  testKubeConfig,
} from '@k8s-ops/local-kube/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackendProcess } from '../__testUtils__/BackendProcess';

jest.setTimeout(600_000);

describe('the portal backend with a data folder', () => {
  let dataDir: string;
  let namespace: { name: string; remove(): Promise<void> };
  let backend: BackendProcess | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'k8s-ops-data-'));
    namespace = await createTestNamespace(testClusters()[0], 'restart');
  });

  afterAll(async () => {
    await backend?.stop();
    await namespace?.remove();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps a registered cluster and every audit row across a restart', async () => {
    const start = () =>
      BackendProcess.start({ dataDir, nodeEnv: 'production', guest: true });
    const cluster = 'registered-dev';
    const deployments = `/api/k8s-ops/clusters/${cluster}/resources/deployments`;

    backend = await start();
    let token = await backend.guestToken();
    const registered = await backend.request('/api/k8s-ops/clusters', token, {
      method: 'POST',
      body: {
        // The admin's kubeconfig, as someone would paste it.
        kubeconfig: testKubeConfig(testClusters()[0]).exportConfig(),
        name: cluster,
      },
    });
    expect({ status: registered.status, body: registered.body }).toMatchObject({
      status: 201,
      body: { name: cluster },
    });
    const created = await backend.request(
      `/api/k8s-ops/clusters/${cluster}/resources`,
      token,
      {
        method: 'POST',
        body: {
          object: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            metadata: { name: 'web', namespace: namespace.name },
            spec: {
              replicas: 1,
              selector: { matchLabels: { app: 'web' } },
              template: {
                metadata: { labels: { app: 'web' } },
                spec: { containers: [{ name: 'web', image: 'nginx' }] },
              },
            },
          },
        },
      },
    );
    expect(created.status).toBe(201);
    const scaled = await backend.request(
      `${deployments}/web/scale?namespace=${namespace.name}`,
      token,
      { method: 'POST', body: { replicas: 3 } },
    );
    expect(scaled.status).toBe(200);
    const audit = `/api/k8s-ops/audit?cluster=${cluster}`;
    const before = await backend.request(audit, token);
    expect(before.status).toBe(200);
    expect(
      before.body.items.map((e: { action: string }) => e.action).sort(),
    ).toEqual(['cluster-register', 'resource-create', 'resource-scale']);

    await backend.stop();
    backend = await start();
    token = await backend.guestToken();

    const found = await backend.request(
      `/api/k8s-ops/clusters/${cluster}`,
      token,
    );
    expect({ status: found.status, body: found.body }).toMatchObject({
      status: 200,
      body: { name: cluster },
    });
    // Its credentials, encrypted with the kept key, still open the cluster.
    const list = await backend.request(
      `${deployments}?namespace=${namespace.name}`,
      token,
    );
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        metadata: expect.objectContaining({ name: 'web' }),
        spec: expect.objectContaining({ replicas: 3 }),
      }),
    ]);
    const after = await backend.request(audit, token);
    expect(after.body.items).toEqual(before.body.items);
  });
});
