import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createTestNamespace,
  TestCluster,
  testClusters,
  testKubeConfig,
} from '@k8s-ops/local-kube/testing';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { Server } from 'node:http';
import request from 'supertest';
import { stringify } from 'yaml';
import {
  allowAll,
  startK8sOpsBackend,
  TestPolicy,
} from '../__testUtils__/startK8sOpsBackend';
import { testClusterConfig } from '../__testUtils__/testClusterConfig';

const api = '/api/k8s-ops';

/** The three Compose shapes, as text; the same as common's fixtures. */
const shapes = {
  variablesInImage: stringify({
    name: 'openmemory-compose',
    services: {
      'mem0-ui': {
        image: 'ghcr.io/mem0ai/openmemory-ui:${UI_TAG:-latest}',
        environment: ['NEXT_PUBLIC_API_URL=${API_URL:-http://localhost:8765}'],
        ports: ['3000:3000'],
        healthcheck: {
          test: ['CMD', 'wget', '-qO-', 'http://localhost:3000/'],
        },
      },
    },
  }),
  variablesInPorts: stringify({
    services: {
      api: {
        image: 'registry.example.com/shop/api:1.4.2',
        ports: ['${PORT:-3002}:3000'],
        environment: { LOG_LEVEL: 'info', DATABASE_PASSWORD: '${DB_PASSWORD}' },
        deploy: { replicas: 3 },
      },
    },
  }),
  noHealthCheck: stringify({
    services: {
      worker: { image: 'busybox:1.36', command: 'sleep 3600' },
    },
  }),
};

const crashLoop = stringify({
  services: {
    broken: {
      image: 'busybox:1.36',
      labels: { 'k8s-ops.dev/simulate': 'crash-loop' },
    },
  },
});

describe('deploys against a real cluster', () => {
  let dev: TestCluster;
  let server: Server;
  let policy: TestPolicy = allowAll;
  let ns: { name: string; remove(): Promise<void> };
  let core: CoreV1Api;
  let apps: AppsV1Api;

  beforeAll(async () => {
    [dev] = testClusters();
    ns = await createTestNamespace(dev, 'deploy');
    core = testKubeConfig(dev).makeApiClient(CoreV1Api);
    apps = testKubeConfig(dev).makeApiClient(AppsV1Api);
    const backend = await startK8sOpsBackend({
      policy: () => policy,
      config: {
        k8sOps: {
          cache: { prewarm: [] },
          clusters: [testClusterConfig(dev)],
          deploy: { rolloutTimeoutSeconds: 60 },
        },
      },
    });
    server = backend.server;
  });

  afterAll(async () => {
    await ns.remove();
  });

  beforeEach(() => {
    policy = allowAll;
  });

  const deploy = (body: object) =>
    request(server)
      .post(`${api}/clusters/test-dev/deploy`)
      .send({ namespace: ns.name, ...body });

  /** The rollout's events, read until the stream ends with the outcome. */
  async function events(id: string) {
    const res = await request(server)
      .get(`${api}/deploys/${id}/events`)
      .buffer(true)
      .parse((stream, done) => {
        let text = '';
        stream.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        stream.on('end', () => done(null, text));
      });
    expect(res.status).toBe(200);
    return (res.body as string)
      .split('\n\n')
      .filter(block => block.startsWith('event:'))
      .map(block => {
        const [type, data] = block.split('\n');
        return {
          type: type.slice('event: '.length),
          ...JSON.parse(data.slice(6)),
        };
      });
  }

  it.each([
    ['variablesInImage', { UI_TAG: 'v1.2' }, 'openmemory-compose-mem0-ui', 1],
    ['variablesInPorts', { PORT: '8080', DB_PASSWORD: 's3cret' }, 'api', 3],
    ['noHealthCheck', {}, 'worker', 1],
  ] as const)(
    'deploys the %s shape and follows it until available',
    async (shape, variables, name, replicas) => {
      const res = await deploy({ compose: shapes[shape], variables });
      expect(res.status).toBe(202);
      expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.name).toBe(name);
      const seen = await events(res.body.id);
      expect(seen.at(-1)).toMatchObject({
        type: 'available',
        status: 'available',
        message: `available: ${replicas} of ${replicas} replicas`,
      });
      const live = await apps.readNamespacedDeployment({
        name,
        namespace: ns.name,
      });
      expect(live.status?.availableReplicas).toBe(replicas);
      const history = await request(server).get(
        `${api}/deploys?cluster=test-dev&namespace=${ns.name}&service=${res.body.service}`,
      );
      expect(history.body.items[0]).toMatchObject({
        id: res.body.id,
        status: 'available',
        actor: 'user:default/mock',
      });
      expect(history.body.items[0].durationMs).toBeGreaterThan(0);
    },
  );

  it('keeps the history without Secret values, and resolves ports from variables', async () => {
    const svc = await core.readNamespacedService({
      name: 'api',
      namespace: ns.name,
    });
    expect(svc.spec?.ports?.map(p => p.port)).toEqual([8080]);
    const history = await request(server).get(
      `${api}/deploys?service=api&namespace=${ns.name}`,
    );
    const secret = history.body.items[0].manifests.find(
      (o: { kind: string }) => o.kind === 'Secret',
    );
    expect(secret.data).toEqual({ DATABASE_PASSWORD: '' });
    expect(JSON.stringify(history.body)).not.toContain('s3cret');
    expect(JSON.stringify(history.body)).not.toContain(btoa('s3cret'));
  });

  it('reports a crash loop as the outcome of the deploy', async () => {
    const res = await deploy({ compose: crashLoop });
    expect(res.status).toBe(202);
    const seen = await events(res.body.id);
    expect(seen.at(-1).type).toBe('failed');
    expect(seen.at(-1).message).toMatch(
      /^crash loop: container broken of pod broken-/,
    );
    const record = await request(server).get(`${api}/deploys/${res.body.id}`);
    expect(record.body).toMatchObject({ status: 'failed' });
    expect(record.body.reason).toContain('crash loop');
  });

  it('answers a dry run with every manifest and its diff, changing nothing', async () => {
    const res = await deploy({
      compose: shapes.noHealthCheck,
      options: { name: 'preview-worker', replicas: 2 },
      dryRun: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.id).toBeUndefined();
    expect(res.body.applied.map((a: { kind: string }) => a.kind)).toEqual([
      'Namespace',
      'Deployment',
    ]);
    expect(res.body.applied[1]).toMatchObject({ created: true });
    expect(res.body.applied[1].diff).toContain('+  replicas: 2');
    await expect(
      apps.readNamespacedDeployment({
        name: 'preview-worker',
        namespace: ns.name,
      }),
    ).rejects.toThrow();
  });

  it('rolls back to an earlier deploy, keeping the live Secret', async () => {
    const first = await request(server).get(
      `${api}/deploys?service=api&namespace=${ns.name}`,
    );
    const earlier = first.body.items[0];
    const next = await deploy({
      compose: shapes.variablesInPorts.replace('1.4.2', '1.5.0'),
      variables: { DB_PASSWORD: 'n3w' },
    });
    await events(next.body.id);
    const back = await request(server)
      .post(`${api}/deploys/${earlier.id}/rollback`)
      .send({});
    expect(back.status).toBe(202);
    expect((await events(back.body.id)).at(-1).type).toBe('available');
    const live = await apps.readNamespacedDeployment({
      name: 'api',
      namespace: ns.name,
    });
    expect(live.spec?.template.spec?.containers[0].image).toBe(
      'registry.example.com/shop/api:1.4.2',
    );
    const secret = await core.readNamespacedSecret({
      name: 'api-secrets',
      namespace: ns.name,
    });
    expect(
      Buffer.from(secret.data!.DATABASE_PASSWORD, 'base64').toString(),
    ).toBe('n3w');
    const audit = await request(server).get(
      `${api}/audit?action=deploy-rollback&limit=1`,
    );
    expect(audit.body.items[0].summary).toContain(
      `deploy ${back.body.id} to deploy ${earlier.id}`,
    );
  });

  it.each([
    [
      { compose: 'services:\n  web:\n    image: x\n    env_file: .env\n' },
      'services.web.env_file',
    ],
    [
      { compose: 'services:\n  web:\n    image: x:${TAG}\n' },
      'the variable TAG has no value',
    ],
    [{ compose: 'services:\n  web:\n    build: .\n' }, 'services.web.build'],
    [
      { compose: shapes.noHealthCheck, options: { exposure: 'Public' } },
      'options.exposure',
    ],
    [{ compose: 'services: [' }, 'The Compose file is not valid YAML'],
    [{ compose: '' }, 'compose: paste a Compose file'],
  ])('400 naming the field for %j', async (body, message) => {
    const res = await deploy(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
  });

  it('403 without the deploy permission on the cluster, recorded nowhere as applied', async () => {
    policy = name =>
      name === 'k8s-ops.deploy'
        ? { result: AuthorizeResult.DENY }
        : { result: AuthorizeResult.ALLOW };
    const res = await deploy({
      compose: shapes.noHealthCheck,
      options: { name: 'denied' },
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      "You may not deploy on cluster 'test-dev'",
    );
  });

  it('lists as deploy targets only the clusters the person may deploy to', async () => {
    const allowed = await request(server).get(`${api}/deploy-targets`);
    expect(allowed.body.items.map((c: { name: string }) => c.name)).toEqual([
      'test-dev',
    ]);
    expect(JSON.stringify(allowed.body)).not.toContain(dev.adminToken);
    policy = name =>
      name === 'k8s-ops.deploy'
        ? { result: AuthorizeResult.DENY }
        : { result: AuthorizeResult.ALLOW };
    const denied = await request(server).get(`${api}/deploy-targets`);
    expect(denied.body.items).toEqual([]);
  });

  it('404 for a deploy that does not exist, and 400 for an id that is not one', async () => {
    const missing = await request(server).get(
      `${api}/deploys/00000000-0000-4000-8000-000000000000`,
    );
    expect(missing.status).toBe(404);
    const bad = await request(server).get(`${api}/deploys/nope/events`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('id: must be a deploy id');
  });
});
