import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { K8sOpsCaller } from '../K8sOpsCaller';
import { createApplyAction } from './applyAction';
import { createDeployAction } from './deployAction';
import { createEnvMapApplyAction } from './envmapApplyAction';
import { createInfraScanAction } from './infraScanAction';
import { createJobRunAction } from './jobRunAction';
import { createNamespaceEnsureAction } from './namespaceEnsureAction';

type Seen = { method: string; url: string; auth: string; body: any };

/**
 * A stand-in for the k8s-ops backend that records what the actions send
 * and answers from a table, so that the requests they build are checked
 * over real HTTP.
 */
describe('k8s-ops scaffolder actions', () => {
  let server: Server;
  let seen: Seen[];
  let answers: Record<string, (seen: Seen) => [number, unknown]>;
  let caller: K8sOpsCaller;

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let text = '';
      req.on('data', c => (text += c));
      req.on('end', () => {
        const s: Seen = {
          method: req.method ?? '',
          url: req.url ?? '',
          auth: req.headers.authorization ?? '',
          body: text ? JSON.parse(text) : undefined,
        };
        seen.push(s);
        const key = `${s.method} ${s.url.split('?')[0]}`;
        const [status, body] = answers[key]?.(s) ?? [
          404,
          { error: { name: 'NotFoundError', message: `no ${key}` } },
        ];
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    caller = new K8sOpsCaller({
      auth: mockServices.auth(),
      discovery: {
        getBaseUrl: async () => `http://127.0.0.1:${port}/api/k8s-ops`,
        getExternalBaseUrl: async () => '',
      },
      appBaseUrl: 'http://portal.example.com/',
    });
  });

  afterAll(() => new Promise(r => server.close(r)));

  beforeEach(() => {
    seen = [];
    answers = {};
  });

  function context(input: object, options: { isDryRun?: boolean } = {}) {
    const outputs: Record<string, unknown> = {};
    return {
      outputs,
      ctx: {
        input,
        isDryRun: options.isDryRun,
        logger: mockServices.logger.mock(),
        output: (name: string, value: unknown) => {
          outputs[name] = value;
        },
        getInitiatorCredentials: async () =>
          mockCredentials.user('user:default/dana'),
      } as any,
    };
  }

  const deployAnswer = {
    id: '6f1c2a9e-3b7d-4c51-9a8e-1d2f3a4b5c6d',
    dryRun: false,
    cluster: 'dev',
    namespace: 'shop',
    service: 'api',
    name: 'api',
    objects: [],
    applied: [
      {
        kind: 'Deployment',
        namespace: 'shop',
        name: 'api',
        created: true,
        diff: '+x',
      },
    ],
  };

  it('deploys as the person running the template, waits for the rollout, and links to the Deployment', async () => {
    let looks = 0;
    answers['POST /api/k8s-ops/clusters/dev/deploy'] = () => [
      202,
      deployAnswer,
    ];
    answers[`GET /api/k8s-ops/deploys/${deployAnswer.id}`] = () => [
      200,
      {
        status: ++looks < 2 ? 'progressing' : 'available',
        reason: 'available: 1 of 1 replicas',
      },
    ];
    const { ctx, outputs } = context({
      cluster: 'dev',
      namespace: 'shop',
      compose: 'services: {}',
      variables: { PORT: '1' },
      options: { replicas: 2 },
    });
    await createDeployAction(caller).handler(ctx);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/api/k8s-ops/clusters/dev/deploy',
      body: {
        namespace: 'shop',
        compose: 'services: {}',
        variables: { PORT: '1' },
        options: { replicas: 2 },
        dryRun: false,
      },
    });
    expect(seen[0].auth).toContain('user:default/dana');
    expect(seen[0].auth).toContain('k8s-ops');
    expect(outputs).toEqual({
      name: 'api',
      url: 'http://portal.example.com/k8s-ops/clusters/dev/objects/deployments.apps/shop/api',
      deployId: deployAnswer.id,
      status: 'available',
      reason: 'available: 1 of 1 replicas',
    });
  }, 15_000);

  it('fails the step with the reason of a failed rollout', async () => {
    answers['POST /api/k8s-ops/clusters/dev/deploy'] = () => [
      202,
      deployAnswer,
    ];
    answers[`GET /api/k8s-ops/deploys/${deployAnswer.id}`] = () => [
      200,
      { status: 'failed', reason: 'crash loop: container api' },
    ];
    const { ctx } = context({
      cluster: 'dev',
      namespace: 'shop',
      compose: 'x',
    });
    await expect(createDeployAction(caller).handler(ctx)).rejects.toThrow(
      'The deploy of api failed: crash loop: container api',
    );
  });

  it("on the scaffolder's dry run, asks k8s-ops for a dry run and outputs the diffs", async () => {
    answers['POST /api/k8s-ops/clusters/dev/deploy'] = () => [
      200,
      { ...deployAnswer, id: undefined, dryRun: true },
    ];
    const { ctx, outputs } = context(
      { cluster: 'dev', namespace: 'shop', compose: 'x' },
      { isDryRun: true },
    );
    await createDeployAction(caller).handler(ctx);
    expect(seen[0].body.dryRun).toBe(true);
    expect(outputs.status).toBe('dry-run');
    expect(outputs.manifests).toBe('Deployment shop/api\n+x');
  });

  it('passes on the message of a refusal', async () => {
    answers['POST /api/k8s-ops/clusters/dev/deploy'] = () => [
      403,
      {
        error: {
          name: 'NotAllowedError',
          message: "You may not deploy on cluster 'dev'",
        },
      },
    ];
    const { ctx } = context({
      cluster: 'dev',
      namespace: 'shop',
      compose: 'x',
    });
    await expect(createDeployAction(caller).handler(ctx)).rejects.toThrow(
      "You may not deploy on cluster 'dev'",
    );
  });

  it.each([
    [
      'namespace:ensure',
      () => createNamespaceEnsureAction(caller),
      { cluster: 'dev', name: 'team-x', podSecurity: 'restricted' },
      'POST /api/k8s-ops/clusters/dev/namespaces',
      { name: 'team-x', podSecurity: 'restricted', dryRun: false },
      {
        namespace: 'team-x',
        url: 'http://portal.example.com/k8s-ops/clusters/dev/objects/namespaces/team-x',
      },
    ],
    [
      'envmap:apply',
      () => createEnvMapApplyAction(caller),
      { cluster: 'dev', namespace: 'shop', name: 'api', variables: { A: 'b' } },
      'POST /api/k8s-ops/clusters/dev/namespaces/shop/envmaps',
      { name: 'api', variables: { A: 'b' }, dryRun: false },
      { configMap: 'api-config', secret: 'api-secrets' },
    ],
    [
      'infra:scan',
      () => createInfraScanAction(caller),
      { cluster: 'dev', allNamespaces: true },
      'POST /api/k8s-ops/clusters/dev/infra-scan',
      { allNamespaces: true },
      { result: { ok: true } },
    ],
    [
      'apply',
      () => createApplyAction(caller),
      {
        cluster: 'dev',
        manifests: [
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'f', namespace: 'shop' },
          },
        ],
      },
      'POST /api/k8s-ops/clusters/dev/apply',
      {
        object: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'f', namespace: 'shop' },
        },
        dryRun: false,
      },
      {
        applied: [
          {
            kind: 'ConfigMap',
            name: 'f',
            namespace: 'shop',
            url: 'http://portal.example.com/k8s-ops/clusters/dev/objects/configmaps/shop/f',
            diff: '',
          },
        ],
      },
    ],
  ])(
    '%s sends its request and outputs',
    async (_id, make, input, route, body, outputs) => {
      answers[route] = s => [
        200,
        s.body.object ? { object: s.body.object, diff: '' } : { ok: true },
      ];
      const { ctx, outputs: got } = context(input);
      await make().handler(ctx);
      expect(seen).toHaveLength(1);
      expect(`${seen[0].method} ${seen[0].url}`).toBe(route);
      expect(seen[0].body).toEqual(body);
      expect(got).toMatchObject(outputs);
    },
  );

  it('runs a job and waits until it succeeds', async () => {
    let looks = 0;
    answers['POST /api/k8s-ops/clusters/dev/jobs'] = s => [
      201,
      {
        dryRun: false,
        cluster: 'dev',
        namespace: s.body.namespace,
        name: 'migrate-abc123',
        runId: 'migrate',
        object: {},
      },
    ];
    answers['GET /api/k8s-ops/jobs'] = () => [
      200,
      {
        items: [
          {
            name: 'migrate-abc123',
            status: ++looks < 2 ? 'running' : 'succeeded',
          },
        ],
      },
    ];
    const { ctx, outputs } = context({
      cluster: 'dev',
      namespace: 'shop',
      image: 'busybox',
      runId: 'migrate',
      wait: true,
    });
    await createJobRunAction(caller).handler(ctx);
    expect(seen[0].body).toEqual({
      namespace: 'shop',
      image: 'busybox',
      runId: 'migrate',
      dryRun: false,
    });
    expect(seen[1].url).toBe(
      '/api/k8s-ops/jobs?cluster=dev&namespace=shop&runId=migrate',
    );
    expect(outputs).toMatchObject({
      name: 'migrate-abc123',
      status: 'succeeded',
    });
  }, 15_000);
});
