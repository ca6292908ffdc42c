import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CoreV1Api,
  NetworkingV1Api,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';
import {
  AppliedManifest,
  NamespaceProvisionResponse,
} from '@k8s-ops/plugin-k8s-ops-common';
import {
  createTestNamespace,
  TestCluster,
  testClusters,
  testKubeConfig,
} from '@k8s-ops/local-kube/testing';
import { randomBytes } from 'node:crypto';
import { Server } from 'node:http';
import request from 'supertest';
import {
  allowAll,
  startK8sOpsBackend,
  TestPolicy,
} from '../__testUtils__/startK8sOpsBackend';
import { testClusterConfig } from '../__testUtils__/testClusterConfig';

const api = '/api/k8s-ops';

const deny =
  (denied: string): TestPolicy =>
  name =>
    name === denied
      ? { result: AuthorizeResult.DENY }
      : { result: AuthorizeResult.ALLOW };

describe('namespace provisioning and environment maps against a real cluster', () => {
  let dev: TestCluster;
  let server: Server;
  let policy: TestPolicy = allowAll;
  let core: CoreV1Api;
  // Everything the backend writes while the tests run, to look for values.
  const logged: string[] = [];
  const capture = (stream: NodeJS.WriteStream) => {
    const write = stream.write.bind(stream);
    jest.spyOn(stream, 'write').mockImplementation(((
      chunk: unknown,
      ...rest: never[]
    ) => {
      logged.push(String(chunk));
      return write(chunk as string, ...rest);
    }) as never);
  };

  beforeAll(async () => {
    capture(process.stdout);
    capture(process.stderr);
    [dev] = testClusters();
    core = testKubeConfig(dev).makeApiClient(CoreV1Api);
    const backend = await startK8sOpsBackend({
      policy: () => policy,
      config: {
        k8sOps: {
          cache: { prewarm: [] },
          clusters: [
            testClusterConfig(dev),
            testClusterConfig(dev, { name: 'dev-read-only', readOnly: true }),
          ],
          envMaps: { sensitivePatterns: ['SECRET', 'PASSWORD', 'TOKEN'] },
        },
      },
    });
    server = backend.server;
  });

  beforeEach(() => {
    policy = allowAll;
  });

  describe('namespaces', () => {
    const name = `prov-${randomBytes(4).toString('hex')}`;
    const body = {
      name,
      podSecurity: {
        enforce: 'restricted',
        warn: 'restricted',
        audit: 'baseline',
      },
      quota: { 'requests.cpu': '4', 'requests.memory': '8Gi', pods: '20' },
      limits: {
        default: { cpu: '500m', memory: '512Mi' },
        defaultRequest: { cpu: '100m', memory: '128Mi' },
      },
      networkPolicy: true,
      serviceAccount: {
        name: 'deployer',
        rules: [
          {
            apiGroups: ['apps'],
            resources: ['deployments'],
            verbs: ['get', 'list', 'patch'],
          },
        ],
      },
    };
    const provision = async (extra: object = {}) => {
      const res = await request(server)
        .post(`${api}/clusters/test-dev/namespaces`)
        .send({ ...body, ...extra });
      expect(res.status).toBe(200);
      return res.body as NamespaceProvisionResponse;
    };
    const kinds = (manifests: AppliedManifest[]) =>
      manifests.map(m => `${m.kind}/${m.name}`);

    afterAll(async () => {
      await core.deleteNamespace({ name }).catch(() => undefined);
    });

    it('previews every manifest with its diff on a dry run, and creates nothing', async () => {
      const preview = await provision({ dryRun: true });
      expect(preview.dryRun).toBe(true);
      expect(kinds(preview.manifests)).toEqual([
        `Namespace/${name}`,
        'ResourceQuota/k8s-ops-quota',
        'LimitRange/k8s-ops-limits',
        'NetworkPolicy/k8s-ops-default-deny-ingress',
        'ServiceAccount/deployer',
        'Role/deployer',
        'RoleBinding/deployer',
      ]);
      expect(preview.manifests.every(m => m.created && m.diff)).toBe(true);
      expect(preview.manifests[0].diff).toContain(
        'pod-security.kubernetes.io/enforce: restricted',
      );
      expect(preview.manifests[1].diff).toContain('requests.memory: 8Gi');
      await expect(core.readNamespace({ name })).rejects.toThrow();

      const audit = await request(server).get(
        `${api}/audit?action=namespace-provision&name=${name}`,
      );
      expect(audit.body.items[0]).toMatchObject({
        outcome: 'succeeded',
        dryRun: true,
      });
    });

    it('creates the namespace and its objects, labelled as k8s-ops manages them', async () => {
      const applied = await provision();
      expect(applied.manifests.every(m => m.created)).toBe(true);
      const namespace = await core.readNamespace({ name });
      expect(namespace.metadata?.labels).toMatchObject({
        'app.kubernetes.io/managed-by': 'k8s-ops',
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/audit': 'baseline',
      });
      const quota = await core.readNamespacedResourceQuota({
        name: 'k8s-ops-quota',
        namespace: name,
      });
      expect(quota.spec?.hard).toEqual({
        'requests.cpu': '4',
        'requests.memory': '8Gi',
        pods: '20',
      });
      const limits = await core.readNamespacedLimitRange({
        name: 'k8s-ops-limits',
        namespace: name,
      });
      expect(limits.spec?.limits[0]).toMatchObject({
        type: 'Container',
        _default: { cpu: '500m', memory: '512Mi' },
      });
      const policyObject = await testKubeConfig(dev)
        .makeApiClient(NetworkingV1Api)
        .readNamespacedNetworkPolicy({
          name: 'k8s-ops-default-deny-ingress',
          namespace: name,
        });
      expect(policyObject.spec).toMatchObject({
        podSelector: {},
        policyTypes: ['Ingress'],
        ingress: [{ _from: [{ podSelector: {} }] }],
      });
      const rbac = testKubeConfig(dev).makeApiClient(RbacAuthorizationV1Api);
      const role = await rbac.readNamespacedRole({
        name: 'deployer',
        namespace: name,
      });
      expect(role.rules).toEqual([
        expect.objectContaining({
          apiGroups: ['apps'],
          resources: ['deployments'],
          verbs: ['get', 'list', 'patch'],
        }),
      ]);
      const binding = await rbac.readNamespacedRoleBinding({
        name: 'deployer',
        namespace: name,
      });
      expect(binding.subjects).toEqual([
        expect.objectContaining({
          kind: 'ServiceAccount',
          name: 'deployer',
          namespace: name,
        }),
      ]);
    });

    it('changes nothing when the same request is applied again', async () => {
      const before = await core.readNamespace({ name });
      const again = await provision();
      expect(again.manifests).toHaveLength(7);
      expect(again.manifests.map(m => [m.created, m.diff])).toEqual(
        again.manifests.map(() => [false, '']),
      );
      const after = await core.readNamespace({ name });
      expect(after.metadata?.resourceVersion).toBe(
        before.metadata?.resourceVersion,
      );
    });

    it.each([
      [{ name: 'Bad_Name' }, 'name'],
      [{ name: 'ok', quota: { pods: 'many' } }, 'Kubernetes quantity'],
      [{ name: 'ok', quota: {} }, 'must limit at least one resource'],
      [{ name: 'ok', quota: { 'CPU!': '1' } }, 'must be a resource name'],
      [{ name: 'ok', limits: {} }, 'must set at least one of'],
      [
        { name: 'ok', podSecurity: { enforce: 'strict' } },
        'podSecurity.enforce',
      ],
      [
        {
          name: 'ok',
          serviceAccount: {
            name: 'sa',
            rules: [{ resources: ['pods'], verbs: ['fly'] }],
          },
        },
        'serviceAccount.rules',
      ],
      [{ name: 'ok', extra: true }, 'extra'],
    ])('400 with a message for %j', async (input, message) => {
      const res = await request(server)
        .post(`${api}/clusters/test-dev/namespaces`)
        .send(input);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    });

    it('403 naming the permission when namespace.provision is denied, audited', async () => {
      policy = deny('k8s-ops.namespace.provision');
      const res = await request(server)
        .post(`${api}/clusters/test-dev/namespaces`)
        .send({ name: 'refused-ns' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('k8s-ops.namespace.provision');
      policy = allowAll;
      const audit = await request(server).get(
        `${api}/audit?action=namespace-provision&name=refused-ns`,
      );
      expect(audit.body.items[0]).toMatchObject({
        outcome: 'failed',
        status: 403,
      });
    });

    it('403 when resource.create is denied for the objects, nothing created', async () => {
      policy = deny('k8s-ops.resource.create');
      const res = await request(server)
        .post(`${api}/clusters/test-dev/namespaces`)
        .send({ name: 'refused-create' });
      expect(res.status).toBe(403);
      await expect(
        core.readNamespace({ name: 'refused-create' }),
      ).rejects.toThrow();
    });

    it('403 on a read-only cluster', async () => {
      const res = await request(server)
        .post(`${api}/clusters/dev-read-only/namespaces`)
        .send({ name: 'refused-read-only' });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('read-only');
    });

    it('404 when the cluster is unknown', async () => {
      const res = await request(server)
        .post(`${api}/clusters/nowhere/namespaces`)
        .send({ name: 'x' });
      expect(res.status).toBe(404);
    });
  });

  describe('environment maps', () => {
    let ns: { name: string; remove(): Promise<void> };
    const secrets = {
      DB_PASSWORD: 'hunter2-correct-horse',
      API_TOKEN: 'tok-9f8e7d6c5b4a',
    };
    const base64 = (v: string) => Buffer.from(v).toString('base64');
    const envmaps = () =>
      `${api}/clusters/test-dev/namespaces/${ns.name}/envmaps`;
    const write = async (body: object) => {
      const res = await request(server).post(envmaps()).send(body);
      expect(res.status).toBe(200);
      return res;
    };
    const expectNoSecretIn = (text: string) => {
      for (const value of Object.values(secrets)) {
        expect(text).not.toContain(value);
        expect(text).not.toContain(base64(value));
      }
    };

    beforeAll(async () => {
      ns = await createTestNamespace(dev, 'envmap');
    });

    afterAll(async () => {
      await ns.remove();
    });

    it('splits variables by the configured patterns into a ConfigMap and a Secret, and never answers a secret value', async () => {
      const preview = await write({
        name: 'shop',
        variables: { DB_HOST: 'db', LOG_LEVEL: 'info', ...secrets },
        dryRun: true,
      });
      expect(preview.body).toMatchObject({
        dryRun: true,
        config: ['DB_HOST', 'LOG_LEVEL'],
        secret: ['API_TOKEN', 'DB_PASSWORD'],
      });
      expect(
        preview.body.manifests.map((m: AppliedManifest) => m.name),
      ).toEqual(['shop-config', 'shop-secrets']);
      expect(preview.body.manifests[0].diff).toContain('LOG_LEVEL: info');
      expectNoSecretIn(JSON.stringify(preview.body));

      const applied = await write({
        name: 'shop',
        variables: { DB_HOST: 'db', LOG_LEVEL: 'info', ...secrets },
      });
      expectNoSecretIn(JSON.stringify(applied.body));
      const configMap = await core.readNamespacedConfigMap({
        name: 'shop-config',
        namespace: ns.name,
      });
      expect(configMap.data).toEqual({ DB_HOST: 'db', LOG_LEVEL: 'info' });
      expect(configMap.metadata?.labels).toMatchObject({
        'app.kubernetes.io/managed-by': 'k8s-ops',
      });
      const secret = await core.readNamespacedSecret({
        name: 'shop-secrets',
        namespace: ns.name,
      });
      expect(secret.data).toEqual({
        DB_PASSWORD: base64(secrets.DB_PASSWORD),
        API_TOKEN: base64(secrets.API_TOKEN),
      });

      const audit = await request(server).get(
        `${api}/audit?action=envmap-write&namespace=${ns.name}`,
      );
      expect(
        audit.body.items.map((e: { dryRun?: boolean }) => Boolean(e.dryRun)),
      ).toEqual([false, true]);
      expect(audit.body.items[0].summary).toContain('DB_PASSWORD');
      expectNoSecretIn(JSON.stringify(audit.body));
    });

    it('answers the map with secret values hidden, and reveals them to a person who may', async () => {
      const masked = await request(server).get(`${envmaps()}/shop`);
      expect(masked.status).toBe(200);
      expect(masked.body.variables).toEqual([
        { name: 'API_TOKEN', value: '', sensitive: true, masked: true },
        { name: 'DB_HOST', value: 'db', sensitive: false },
        { name: 'DB_PASSWORD', value: '', sensitive: true, masked: true },
        { name: 'LOG_LEVEL', value: 'info', sensitive: false },
      ]);
      expectNoSecretIn(JSON.stringify(masked.body));

      const revealed = await request(server)
        .post(`${envmaps()}/shop/reveal`)
        .send({});
      expect(revealed.status).toBe(200);
      expect(revealed.body.variables).toContainEqual({
        name: 'DB_PASSWORD',
        value: secrets.DB_PASSWORD,
        sensitive: true,
      });

      policy = deny('k8s-ops.secret.reveal');
      const refused = await request(server)
        .post(`${envmaps()}/shop/reveal`)
        .send({});
      expect(refused.status).toBe(403);
      expectNoSecretIn(JSON.stringify(refused.body));
    });

    it('removes variables left out, keeps hidden ones asked to be kept, and honours per-call patterns', async () => {
      await write({
        name: 'shop',
        variables: {
          DB_HOST: 'db2',
          API_TOKEN: 'tok-new',
          PUBLIC_KEYNOTE: 'x',
        },
        keep: ['DB_PASSWORD'],
        sensitivePatterns: ['TOKEN', 'PASSWORD'],
      });
      const configMap = await core.readNamespacedConfigMap({
        name: 'shop-config',
        namespace: ns.name,
      });
      expect(configMap.data).toEqual({ DB_HOST: 'db2', PUBLIC_KEYNOTE: 'x' });
      const secret = await core.readNamespacedSecret({
        name: 'shop-secrets',
        namespace: ns.name,
      });
      expect(secret.data).toEqual({
        DB_PASSWORD: base64(secrets.DB_PASSWORD),
        API_TOKEN: base64('tok-new'),
      });

      await write({
        name: 'shop',
        variables: { DB_HOST: 'db2' },
        sensitive: { DB_HOST: true },
      });
      const after = await core.readNamespacedSecret({
        name: 'shop-secrets',
        namespace: ns.name,
      });
      expect(Object.keys(after.data ?? {})).toEqual(['DB_HOST']);
      const config = await core.readNamespacedConfigMap({
        name: 'shop-config',
        namespace: ns.name,
      });
      expect(config.data ?? {}).toEqual({});
    });

    it.each([
      [
        { name: 'shop', variables: { 'BAD NAME': 'x' } },
        'ConfigMap or Secret key',
      ],
      [{ name: 'Shop', variables: {} }, 'name'],
      [{ name: 'a'.repeat(56), variables: {} }, 'at most 55 characters'],
      [{ name: 'shop' }, 'variables'],
      [{ name: 'shop', variables: { A: 1 } }, 'variables.A'],
    ])('400 with a message for %j', async (input, message) => {
      const res = await request(server).post(envmaps()).send(input);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    });

    it('404 naming the map when it does not exist', async () => {
      const res = await request(server).get(`${envmaps()}/missing`);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain("No environment map 'missing'");
    });

    it('403 naming the permission when envmap.write is denied, audited', async () => {
      policy = deny('k8s-ops.envmap.write');
      const res = await request(server)
        .post(envmaps())
        .send({
          name: 'denied',
          variables: { DB_PASSWORD: secrets.DB_PASSWORD },
        });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('k8s-ops.envmap.write');
      policy = allowAll;
      const audit = await request(server).get(
        `${api}/audit?action=envmap-write&name=denied`,
      );
      expect(audit.body.items[0]).toMatchObject({
        outcome: 'failed',
        status: 403,
      });
      expectNoSecretIn(JSON.stringify(audit.body));
    });
  });

  it('wrote no secret value to the logs', () => {
    const text = logged.join('\n');
    for (const value of ['hunter2-correct-horse', 'tok-9f8e7d6c5b4a']) {
      expect(text).not.toContain(value);
      expect(text).not.toContain(Buffer.from(value).toString('base64'));
    }
  });
});
