import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  createTestNamespace,
  TestCluster,
  testClusters,
} from '@k8s-ops/local-kube/testing';
import { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { Server } from 'node:http';
import request from 'supertest';
import { stringify } from 'yaml';
import { createTestDatabases } from '../__testUtils__/createTestDatabases';
import {
  allowAll,
  startK8sOpsBackend,
  TestPolicy,
} from '../__testUtils__/startK8sOpsBackend';
import { unsafeText } from '../__testUtils__/unsafeText';

const api = '/api/k8s-ops';
const databases = createTestDatabases();
const key = randomBytes(32).toString('base64');

type Kubeconfig = Record<string, any>;

function kubeconfig(
  cluster: TestCluster,
  token: string,
  server = cluster.server,
  edit: (config: Kubeconfig) => void = () => {},
) {
  const config: Kubeconfig = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'c',
        cluster: {
          server,
          'certificate-authority-data': Buffer.from(cluster.caPem).toString(
            'base64',
          ),
        },
      },
    ],
    users: [{ name: 'u', user: { token } }],
    contexts: [{ name: 'main', context: { cluster: 'c', user: 'u' } }],
    'current-context': 'main',
  };
  edit(config);
  return stringify(config);
}

describe.each(databases.eachSupportedId())(
  'cluster registry on %s',
  databaseId => {
    let dev: TestCluster;
    let knex: Knex;
    let server: Server;
    let policy: TestPolicy = allowAll;

    beforeAll(async () => {
      [dev] = testClusters();
      knex = await databases.init(databaseId);
      const backend = await startK8sOpsBackend({
        knex,
        policy: () => policy,
        config: {
          k8sOps: {
            cache: { prewarm: [] },
            encryption: { keys: [key] },
            clusters: [
              {
                name: 'from-config',
                url: 'https://127.0.0.1:1',
                token: 'config-token',
              },
            ],
          },
        },
      });
      server = backend.server;
    });

    beforeEach(() => {
      policy = allowAll;
    });

    it('registers a cluster from a pasted kubeconfig, and never stores its token in clear', async () => {
      const res = await request(server)
        .post(`${api}/clusters`)
        .send({
          kubeconfig: kubeconfig(dev, dev.adminToken),
          name: 'pasted',
          title: 'Pasted',
          group: 'staging',
          labels: { team: 'platform' },
        });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: 'pasted',
        source: 'registered',
        url: dev.server,
        group: 'staging',
        labels: { team: 'platform' },
      });
      expect(JSON.stringify(res.body)).not.toContain(dev.adminToken);

      const rows = await knex('k8s_ops_clusters').select();
      const stored = JSON.stringify(rows);
      expect(stored).toContain('pasted');
      expect(stored).not.toContain(dev.adminToken);
      expect(stored).not.toContain(
        Buffer.from(dev.adminToken).toString('base64'),
      );

      const pods = await request(server).get(
        `${api}/clusters/pasted/resources/pods?namespace=team-shop`,
      );
      expect(pods.status).toBe(200);
      expect(pods.body.items.length).toBeGreaterThan(0);

      const audit = await request(server).get(
        `${api}/audit?action=cluster-register`,
      );
      expect(audit.body.items[0]).toMatchObject({
        cluster: 'pasted',
        outcome: 'succeeded',
      });
      expect(JSON.stringify(audit.body)).not.toContain(dev.adminToken);
    });

    it('lists the contexts of a kubeconfig for a picker', async () => {
      const res = await request(server)
        .post(`${api}/clusters/contexts`)
        .send({ kubeconfig: kubeconfig(dev, dev.adminToken) });
      expect(res.status).toBe(200);
      expect(res.body.contexts.map((c: { name: string }) => c.name)).toEqual([
        'main',
      ]);
      expect(JSON.stringify(res.body)).not.toContain(dev.adminToken);
    });

    it.each([
      [
        'an unreachable server',
        () => kubeconfig(dev, dev.adminToken, 'https://127.0.0.1:1'),
        "Cannot register cluster 'bad': Cluster 'bad' is unreachable: connection refused",
      ],
      [
        'a token the cluster refuses',
        () => kubeconfig(dev, 'not-a-valid-token'),
        "Cannot register cluster 'bad': Cluster 'bad' refused the credentials",
      ],
      [
        'a credential plugin',
        () =>
          kubeconfig(dev, dev.adminToken).replace(
            'token:',
            'exec: { command: /bin/sh }\n      tok:',
          ),
        'exec',
      ],
      [
        'a file reference',
        () =>
          kubeconfig(dev, dev.adminToken).replace(
            'certificate-authority-data',
            'certificate-authority',
          ),
        'certificate-authority',
      ],
    ])('400 for %s, with the reason', async (_, config, message) => {
      const res = await request(server)
        .post(`${api}/clusters`)
        .send({ kubeconfig: config(), name: 'bad' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      expect(res.body.error.message).not.toContain(dev.adminToken);
    });

    it('409 for a name already taken', async () => {
      const res = await request(server)
        .post(`${api}/clusters`)
        .send({
          kubeconfig: kubeconfig(dev, dev.adminToken),
          name: 'from-config',
        });
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe(
        "A cluster named 'from-config' already exists",
      );
    });

    it('updates labels, group and read-only of a registered cluster, not of a configured one', async () => {
      const res = await request(server)
        .patch(`${api}/clusters/pasted`)
        .send({ labels: { team: 'shop' }, readOnly: true, group: null });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        labels: { team: 'shop' },
        readOnly: true,
      });
      expect(res.body.group).toBeUndefined();
      const scale = await request(server)
        .post(
          `${api}/clusters/pasted/resources/deployments/storefront/scale?namespace=team-shop`,
        )
        .send({ replicas: 3 });
      expect(scale.status).toBe(403);
      await request(server)
        .patch(`${api}/clusters/pasted`)
        .send({ readOnly: false });

      const config = await request(server)
        .patch(`${api}/clusters/from-config`)
        .send({ readOnly: true });
      expect(config.status).toBe(409);
      expect(config.body.error.message).toBe(
        "Cluster 'from-config' comes from app-config; change it there",
      );
    });

    it('checks health: reachable with version and nodes, or unreachable with the reason', async () => {
      const ok = await request(server).post(`${api}/clusters/pasted/health`);
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({
        status: 'reachable',
        version: 'v1.34.4',
        nodes: 3,
      });
      const down = await request(server).post(
        `${api}/clusters/from-config/health`,
      );
      expect(down.body).toMatchObject({ status: 'unreachable' });
      expect(down.body.error).toContain('connection refused');
      const list = await request(server).get(`${api}/clusters`);
      const health = Object.fromEntries(
        list.body.items.map(
          (c: { name: string; health?: { status: string } }) => [
            c.name,
            c.health?.status,
          ],
        ),
      );
      expect(health).toEqual({
        'from-config': 'unreachable',
        pasted: 'reachable',
      });
    });

    it('exports without credentials by default, with them only when allowed, and imports', async () => {
      const plain = await request(server).get(`${api}/clusters/export`);
      expect(plain.status).toBe(200);
      expect(plain.body.clusters.map((c: { name: string }) => c.name)).toEqual([
        'pasted',
      ]);
      expect(plain.body.clusters[0].credentials).toBeUndefined();

      policy = name =>
        name === 'k8s-ops.secret.reveal'
          ? { result: AuthorizeResult.DENY }
          : { result: AuthorizeResult.ALLOW };
      const refused = await request(server).get(
        `${api}/clusters/export?includeCredentials=true`,
      );
      expect(refused.status).toBe(403);

      policy = allowAll;
      const full = await request(server).get(
        `${api}/clusters/export?includeCredentials=true`,
      );
      expect(full.body.clusters[0].credentials.token).toBe(dev.adminToken);

      const renamed = {
        clusters: [{ ...full.body.clusters[0], name: 'imported' }],
      };
      const imported = await request(server)
        .post(`${api}/clusters/import`)
        .send(renamed);
      expect(imported.status).toBe(200);
      expect(imported.body).toEqual({ imported: ['imported'] });
      const again = await request(server)
        .post(`${api}/clusters/import`)
        .send(renamed);
      expect(again.status).toBe(409);
    });

    it('403 for registry changes without the manage permission', async () => {
      policy = () => ({ result: AuthorizeResult.DENY });
      const res = await request(server).delete(`${api}/clusters/imported`);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toBe(
        'You may not manage k8s-ops clusters',
      );
    });

    it('removes a registered cluster', async () => {
      expect(
        (await request(server).delete(`${api}/clusters/imported`)).status,
      ).toBe(204);
      expect(
        (await request(server).get(`${api}/clusters/imported`)).status,
      ).toBe(404);
      expect(
        (await request(server).delete(`${api}/clusters/imported`)).status,
      ).toBe(404);
    });

    it('keeps exactly one audit row for each of 100 concurrent changes', async () => {
      const ns = await createTestNamespace(dev, 'audit');
      try {
        const created = await request(server)
          .post(`${api}/clusters/pasted/apply`)
          .send({
            object: {
              apiVersion: 'v1',
              kind: 'ConfigMap',
              metadata: { name: 'counter', namespace: ns.name },
            },
          });
        expect(created.status).toBe(200);
        // The first read starts the watch; every change after reads the cache.
        await request(server).get(
          `${api}/clusters/pasted/resources/configmaps/counter?namespace=${ns.name}`,
        );
        const results = await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            request(server)
              .patch(
                `${api}/clusters/pasted/resources/configmaps/counter?namespace=${ns.name}`,
              )
              .send({ patch: { data: { [`k${i}`]: String(i) } } }),
          ),
        );
        expect(results.map(r => r.status).filter(s => s !== 200)).toEqual([]);
        const [{ count }] = await knex('k8s_ops_audit')
          .where({
            action: 'resource-patch',
            namespace: ns.name,
            name: 'counter',
          })
          .count({ count: '*' });
        expect(Number(count)).toBe(100);
      } finally {
        await ns.remove();
      }
    });
  },
);

describe('cluster registry without an encryption key', () => {
  it('refuses registration, naming the setting to add', async () => {
    const [dev] = testClusters();
    const { server } = await startK8sOpsBackend({
      policy: () => allowAll,
      config: { k8sOps: { cache: { prewarm: [] } } },
    });
    const res = await request(server)
      .post(`${api}/clusters`)
      .send({ kubeconfig: kubeconfig(dev, dev.adminToken), name: 'nokey' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('k8sOps.encryption.keys');
  });
});

describe('hostile input to the cluster registry', () => {
  let dev: TestCluster;
  let server: Server;

  beforeAll(async () => {
    [dev] = testClusters();
    ({ server } = await startK8sOpsBackend({
      policy: () => allowAll,
      config: {
        k8sOps: { cache: { prewarm: [] }, encryption: { keys: [key] } },
      },
    }));
  });

  const config = (edit: (c: Kubeconfig) => void) =>
    kubeconfig(dev, dev.adminToken, dev.server, edit);
  const skipTlsVerify = (c: Kubeconfig) => {
    c.clusters[0].cluster['insecure-skip-tls-verify'] = true;
  };

  // Each with the path the error names and the reason it gives.
  const badLabels: Array<[string, Record<string, string>, string, string]> = [
    [
      'a key with a line break',
      { 'a\r\nb': 'x' },
      'labels["a\\r\\nb"]',
      'names',
    ],
    [
      'a key with HTML',
      { '<script>': 'x' },
      'labels["\\u003cscript\\u003e"]',
      'names',
    ],
    [
      'a key with a bidi override',
      { 'a\u202e': 'x' },
      'labels["a\\u202e"]',
      'names',
    ],
    [
      'an uppercase prefix',
      { 'Example.com/team': 'x' },
      'labels.Example.com/team',
      'prefix',
    ],
    ['an empty name', { 'example.com/': 'x' }, 'labels.example.com/', 'names'],
    [
      'a name of 64 characters',
      { ['k'.repeat(64)]: 'x' },
      `labels.${'k'.repeat(64)}`,
      'at most 63',
    ],
    [
      'a prefix of 254 characters',
      { [`${'a'.repeat(250)}.com/team`]: 'x' },
      `labels.${'a'.repeat(250)}.com/team`,
      'at most 253',
    ],
    [
      'a value with a line break',
      { team: 'shop\r\n' },
      'labels.team',
      'values',
    ],
    ['a value with HTML', { team: '<script>' }, 'labels.team', 'values'],
    [
      'a value with a bidi override',
      { team: 'a\u202eb' },
      'labels.team',
      'values',
    ],
    [
      'a value of 64 characters',
      { team: 'v'.repeat(64) },
      'labels.team',
      'at most 63',
    ],
    ['a value ending in a dash', { team: 'shop-' }, 'labels.team', 'values'],
  ];

  const register = (body: object) =>
    request(server)
      .post(`${api}/clusters`)
      .send({ kubeconfig: kubeconfig(dev, dev.adminToken), ...body });

  const exported = (change: object = {}) => ({
    clusters: [
      {
        name: 'imported-hostile',
        title: 'Imported',
        url: dev.server,
        labels: {},
        readOnly: false,
        impersonate: false,
        credentials: {
          token: dev.adminToken,
          caData: Buffer.from(dev.caPem).toString('base64'),
        },
        ...change,
      },
    ],
  });
  const importing = (body: object) =>
    request(server).post(`${api}/clusters/import`).send(body);

  // Every route that takes cluster fields, with where they sit in its body.
  const routes: Array<[string, (fields: object) => request.Test, string]> = [
    ['POST /clusters', fields => register({ name: 'hostile', ...fields }), ''],
    [
      'PATCH /clusters/:cluster',
      fields => request(server).patch(`${api}/clusters/anything`).send(fields),
      '',
    ],
    [
      'POST /clusters/import',
      fields => importing(exported(fields)),
      'clusters[0].',
    ],
  ];

  describe.each(routes)('%s', (_route, send, at) => {
    it.each(unsafeText)(
      '400 for a title with %s, naming the field',
      async (_, title, reason) => {
        const res = await send({ title });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(
          `Invalid request: ${at}title: must not contain ${reason}`,
        );
      },
    );

    it.each(badLabels)(
      '400 for labels with %s, naming the field',
      async (_, labels, field, reason) => {
        const res = await send({ labels });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(
          `Invalid request: ${at}${field}: `,
        );
        expect(res.body.error.message).toContain(reason);
        // A hostile key is quoted with escapes, never echoed raw.
        expect(res.body.error.message).not.toMatch(/[\r\n\u202e<]/u);
      },
    );
  });

  describe('POST /clusters', () => {
    it.each(unsafeText)(
      '400 for a context with %s, naming the field',
      async (_, context, reason) => {
        const res = await register({ name: 'hostile', context });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(
          `context: must not contain ${reason}`,
        );
      },
    );

    it('400 for a kubeconfig that skips TLS verification, audited', async () => {
      const res = await register({
        name: 'hostile',
        kubeconfig: config(skipTlsVerify),
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'clusters[0].cluster.insecure-skip-tls-verify: turns off verification of the API server certificate and is refused; add certificate-authority-data instead (k8sOps.registration.allowInsecureSkipTlsVerify allows it for development)',
      );
      const audit = await request(server).get(
        `${api}/audit?action=cluster-register`,
      );
      expect(audit.body.items[0]).toMatchObject({
        cluster: 'hostile',
        outcome: 'failed',
        status: 400,
      });
    });
  });

  describe('POST /clusters/import', () => {
    it.each([
      ['https://169.254.169.254', 'points at 169.254.169.254, a link-local'],
      ['https://0xa9fea9fe:6443', 'points at 169.254.169.254'],
      ['https://2852039166', 'points at 169.254.169.254'],
      ['https://0251.0376.0251.0376', 'points at 169.254.169.254'],
      ['https://[::ffff:a9fe:a9fe]', 'an IPv6 form of a link-local'],
      ['https://[fd00:ec2::254]', 'AWS instance metadata'],
      ['https://metadata.google.internal', 'cloud metadata service'],
      ['https://100.100.100.200', 'Alibaba Cloud metadata'],
      ['http://k8s.example.com', 'must use https://'],
      ['https://admin:pw@k8s.example.com', 'user name or password'],
      ['not a url', 'is not a valid URL'],
      ['ftp://k8s.example.com', 'must be an https:// URL'],
    ])(
      '400 for the server URL %s, naming the field, audited',
      async (url, reason) => {
        const res = await importing(exported({ url }));
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(
          `Invalid request: clusters[0].url: `,
        );
        expect(res.body.error.message).toContain(reason);
        const audit = await request(server).get(
          `${api}/audit?action=cluster-import`,
        );
        expect(audit.body.items[0]).toMatchObject({
          outcome: 'failed',
          status: 400,
        });
      },
    );

    it('400 for credentials that skip TLS verification', async () => {
      const res = await importing(
        exported({
          credentials: { token: dev.adminToken, skipTLSVerify: true },
        }),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        'clusters[0].credentials.skipTLSVerify: turns off verification',
      );
    });

    it.each([
      [
        { token: 'tok\r\nX-Injected: 1' },
        'credentials.token: must be a single',
      ],
      [{ token: 'a b' }, 'clusters[0].credentials.token: must be a single'],
      [{ token: 't', caData: 'not base64!' }, 'caData: is not valid base64'],
    ])(
      '400 for credentials %j, naming the field',
      async (credentials, field) => {
        const res = await importing(exported({ credentials }));
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(field);
      },
    );
  });

  describe('POST /clusters/contexts', () => {
    const contexts = (text: string) =>
      request(server)
        .post(`${api}/clusters/contexts`)
        .send({ kubeconfig: text });

    it.each(unsafeText)(
      '400 for a context name with %s, naming the field',
      async (_, name, reason) => {
        const res = await contexts(
          config(c => {
            c.contexts[0].name = name;
            c['current-context'] = 'elsewhere';
          }),
        );
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(
          `contexts[0].name: must not contain ${reason}`,
        );
      },
    );

    it.each([
      [
        'a user without a credential',
        (c: Kubeconfig) => {
          c.users[0].user = {};
        },
        'users[0].user: has no inline credential',
      ],
      [
        'a client certificate without its key',
        (c: Kubeconfig) => {
          c.users[0].user = {
            'client-certificate-data':
              c.clusters[0].cluster['certificate-authority-data'],
          };
        },
        'users[0].user.client-key-data: required together with client-certificate-data',
      ],
      [
        'a cluster that skips TLS verification',
        skipTlsVerify,
        'clusters[0].cluster.insecure-skip-tls-verify: turns off verification',
      ],
      [
        'a link-local server',
        (c: Kubeconfig) => {
          c.clusters[0].cluster.server = 'https://[::ffff:169.254.169.254]';
        },
        'clusters[0].cluster.server: points at [::ffff:a9fe:a9fe], an IPv6 form of a link-local',
      ],
      [
        'a credential plugin',
        (c: Kubeconfig) => {
          c.users[0].user.exec = { command: '/bin/sh' };
        },
        'users[0].user.exec: credential plugins are not allowed',
      ],
    ])('400 for %s, as registration refuses it', async (_, edit, message) => {
      const text = config(edit);
      const listed = await contexts(text);
      expect(listed.status).toBe(400);
      expect(listed.body.error.message).toContain(message);
      const registered = await request(server)
        .post(`${api}/clusters`)
        .send({ kubeconfig: text, name: 'hostile' });
      expect(registered.status).toBe(400);
      expect(registered.body.error.message).toContain(message);
    });
  });
});

describe('cluster registry that allows insecure-skip-tls-verify', () => {
  it('registers such a cluster and shows it as insecure', async () => {
    const [dev] = testClusters();
    const { server } = await startK8sOpsBackend({
      policy: () => allowAll,
      config: {
        k8sOps: {
          cache: { prewarm: [] },
          encryption: { keys: [key] },
          registration: { allowInsecureSkipTlsVerify: true },
        },
      },
    });
    const text = kubeconfig(dev, dev.adminToken, dev.server, c => {
      delete c.clusters[0].cluster['certificate-authority-data'];
      c.clusters[0].cluster['insecure-skip-tls-verify'] = true;
    });
    const listed = await request(server)
      .post(`${api}/clusters/contexts`)
      .send({ kubeconfig: text });
    expect(listed.status).toBe(200);

    const res = await request(server)
      .post(`${api}/clusters`)
      .send({ kubeconfig: text, name: 'unverified' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'unverified', insecure: true });

    const verified = await request(server)
      .post(`${api}/clusters`)
      .send({ kubeconfig: kubeconfig(dev, dev.adminToken), name: 'verified' });
    expect(verified.status).toBe(201);
    expect(verified.body).not.toHaveProperty('insecure');

    const list = await request(server).get(`${api}/clusters`);
    const insecure = Object.fromEntries(
      list.body.items.map((c: { name: string; insecure?: boolean }) => [
        c.name,
        c.insecure ?? false,
      ]),
    );
    expect(insecure).toEqual({ unverified: true, verified: false });
  });
});
