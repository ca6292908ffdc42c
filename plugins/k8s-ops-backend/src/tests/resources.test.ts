import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { mockCredentials } from '@backstage/backend-test-utils';
import { CoreV1Api, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import {
  createTestNamespace,
  eventually,
  TestCluster,
  testClusters,
  testKubeConfig,
} from '@k8s-ops/local-kube/testing';
import { Server } from 'node:http';
import request from 'supertest';
import { testClusterConfig } from '../__testUtils__/testClusterConfig';
import {
  allowAll,
  startK8sOpsBackend,
  TestPolicy,
} from '../__testUtils__/startK8sOpsBackend';
import { openChanges } from '../__testUtils__/openChanges';

const api = '/api/k8s-ops';

describe('resources against real clusters', () => {
  let dev: TestCluster;
  let prod: TestCluster;
  let server: Server;
  let policy: TestPolicy = allowAll;
  let ns: { name: string; remove(): Promise<void> };

  beforeAll(async () => {
    [dev, , prod] = testClusters();
    ns = await createTestNamespace(dev, 'resources');
    const backend = await startK8sOpsBackend({
      policy: () => policy,
      config: {
        k8sOps: {
          cache: { prewarm: [] },
          clusters: [
            testClusterConfig(dev),
            testClusterConfig(prod, { readOnly: true }),
            testClusterConfig(dev, {
              name: 'dev-limited',
              token: dev.limitedToken,
            }),
            testClusterConfig(dev, {
              name: 'dev-as-person',
              impersonate: true,
            }),
          ],
        },
      },
      userInfo: {
        userEntityRef: 'user:default/dana',
        ownershipEntityRefs: ['user:default/dana', 'group:default/team-shop'],
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

  const configMap = (name: string, data: Record<string, string>) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: ns.name, labels: { app: 'test' } },
    data,
  });

  const deployment = (name: string, image: string) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: ns.name },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name, image }] },
      },
    },
  });

  it('lists the clusters of the config', async () => {
    const res = await request(server).get(`${api}/clusters`);
    expect(res.body.items.map((c: { name: string }) => c.name)).toEqual([
      'test-dev',
      'test-prod',
      'dev-limited',
      'dev-as-person',
    ]);
  });

  it('discovers built-in kinds and CRDs, and flags the families installed', async () => {
    const res = await request(server).get(`${api}/clusters/test-dev/discovery`);
    expect(res.status).toBe(200);
    const resources = res.body.kinds.map(
      (k: { resource: string; group: string }) =>
        k.group ? `${k.resource}.${k.group}` : k.resource,
    );
    expect(resources).toEqual(
      expect.arrayContaining([
        'pods',
        'deployments.apps',
        'clonesets.apps.kruise.io',
      ]),
    );
    const families = Object.fromEntries(
      res.body.families.map((f: { id: string; installed: boolean }) => [
        f.id,
        f.installed,
      ]),
    );
    expect(families).toEqual({
      openkruise: true,
      traefik: true,
      tailscale: false,
      'k3s-upgrade': false,
    });
  });

  it('lists from the cache with paging: every pod once, with the total', async () => {
    const all = await request(server).get(
      `${api}/clusters/test-dev/resources/pods?namespace=team-shop`,
    );
    expect(all.status).toBe(200);
    expect(all.body.freshness.live).toBe(true);
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await request(server)
        .get(`${api}/clusters/test-dev/resources/pods`)
        .query({
          namespace: 'team-shop',
          limit: 3,
          ...(token ? { continue: token } : {}),
        });
      expect(page.status).toBe(200);
      names.push(...page.body.items.map((p: any) => p.metadata.name));
      token = page.body.continue;
    } while (token);
    expect(names).toEqual(all.body.items.map((p: any) => p.metadata.name));
    expect(names.length).toBe(all.body.total);
  });

  it('lists summaries with view=summary: what a table shows, the same objects and total', async () => {
    const full = await request(server).get(
      `${api}/clusters/test-dev/resources/deployments?namespace=team-shop`,
    );
    const summary = await request(server).get(
      `${api}/clusters/test-dev/resources/deployments?namespace=team-shop&view=summary`,
    );
    expect(summary.status).toBe(200);
    expect(summary.type).toBe('application/json');
    expect(summary.body.total).toBe(full.body.total);
    expect(summary.body.freshness).toEqual(full.body.freshness);
    expect(summary.body.items.map((d: any) => d.metadata.uid)).toEqual(
      full.body.items.map((d: any) => d.metadata.uid),
    );
    const [first] = summary.body.items;
    const whole = full.body.items[0];
    expect(first.metadata.annotations).toBeUndefined();
    expect(first.spec.replicas).toBe(whole.spec.replicas);
    expect(first.spec.template.spec.containers[0].image).toBe(
      whole.spec.template.spec.containers[0].image,
    );
    expect(first.spec.template.spec.containers[0].env).toBeUndefined();
    expect(first.status).toEqual(whole.status);

    const refused = await request(server).get(
      `${api}/clusters/test-dev/resources/deployments?view=brief`,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/view/);
  });
  it('filters by label and field selectors', async () => {
    const res = await request(server)
      .get(`${api}/clusters/test-dev/resources/pods`)
      .query({
        labelSelector: 'app.kubernetes.io/name in (storefront)',
        fieldSelector: 'status.phase=Running',
      });
    expect(res.body.items.length).toBe(2);
    expect(
      res.body.items.every((p: any) => p.metadata.namespace === 'team-shop'),
    ).toBe(true);
  });

  it('applies with a dry run: the result and a diff, nothing stored; then for real', async () => {
    const dry = await request(server)
      .post(`${api}/clusters/test-dev/apply`)
      .send({ object: configMap('applied', { color: 'blue' }), dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, created: true });
    expect(dry.body.diff).toContain('+  color: blue');
    const missing = await request(server).get(
      `${api}/clusters/test-dev/resources/configmaps/applied?namespace=${ns.name}`,
    );
    expect(missing.status).toBe(404);

    const real = await request(server)
      .post(`${api}/clusters/test-dev/apply`)
      .send({ object: configMap('applied', { color: 'blue' }) });
    expect(real.status).toBe(200);
    // The answer leaves out managed fields, as every read does; the API
    // server records k8s-ops as the manager.
    expect(real.body.object.metadata.managedFields).toBeUndefined();
    expect(real.body.object.data).toEqual({ color: 'blue' });
    const stored = await testKubeConfig(dev)
      .makeApiClient(CoreV1Api)
      .readNamespacedConfigMap({ name: 'applied', namespace: ns.name });
    expect(stored.metadata?.managedFields?.[0].manager).toBe('k8s-ops');

    const change = await request(server)
      .post(`${api}/clusters/test-dev/apply`)
      .send({ object: configMap('applied', { color: 'green' }), dryRun: true });
    expect(change.body.created).toBe(false);
    expect(change.body.diff).toContain('-  color: blue\n+  color: green');
  });

  it('patches, scales, restarts and deletes a Deployment', async () => {
    expect(
      (
        await request(server)
          .post(`${api}/clusters/test-dev/apply`)
          .send({ object: deployment('web', 'nginx:1.27') })
      ).status,
    ).toBe(200);
    const base = `${api}/clusters/test-dev/resources/deployments/web`;
    await eventually('the change', async () => {
      const res = await request(server).get(`${base}?namespace=${ns.name}`);
      return res.status === 200 ? res : undefined;
    });

    const patched = await request(server)
      .patch(`${base}?namespace=${ns.name}`)
      .send({ patch: { metadata: { labels: { tier: 'front' } } } });
    expect(patched.status).toBe(200);
    expect(patched.body.metadata.labels.tier).toBe('front');

    const scaled = await request(server)
      .post(`${base}/scale?namespace=${ns.name}`)
      .send({ replicas: 3 });
    expect(scaled.status).toBe(200);
    expect(scaled.body).toEqual({ replicas: 3 });
    await eventually('the change', async () => {
      const res = await request(server).get(`${base}?namespace=${ns.name}`);
      return res.body.spec?.replicas === 3 ? res : undefined;
    });

    const restarted = await request(server)
      .post(`${base}/restart?namespace=${ns.name}`)
      .send({});
    expect(restarted.status).toBe(200);
    const restartedAt = await eventually('the change', async () => {
      const res = await request(server).get(`${base}?namespace=${ns.name}`);
      return res.body.spec?.template?.metadata?.annotations?.[
        'kubectl.kubernetes.io/restartedAt'
      ];
    });
    expect(Date.parse(restartedAt)).toBeGreaterThan(Date.now() - 60_000);

    const deleted = await request(server).delete(
      `${base}?namespace=${ns.name}`,
    );
    expect(deleted.status).toBe(200);
    await eventually('the change', async () => {
      const res = await request(server).get(`${base}?namespace=${ns.name}`);
      return res.status === 404 ? res : undefined;
    });

    const audit = await request(server).get(
      `${api}/audit?cluster=test-dev&name=web`,
    );
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'resource-delete',
      'resource-restart',
      'resource-scale',
      'resource-patch',
      'resource-apply',
    ]);
    expect(
      audit.body.items.every(
        (e: { outcome: string }) => e.outcome === 'succeeded',
      ),
    ).toBe(true);
    expect(audit.body.items.map((e: { kind: string }) => e.kind)).toEqual(
      Array(5).fill('Deployment'),
    );
  });

  it('rolls a Deployment back to its previous revision, and lists its events', async () => {
    const base = `${api}/clusters/test-dev/resources/deployments.apps/api`;
    const revision = async () =>
      (await request(server).get(`${base}?namespace=${ns.name}`)).body.metadata
        ?.annotations?.['deployment.kubernetes.io/revision'];
    await request(server)
      .post(`${api}/clusters/test-dev/apply`)
      .send({ object: deployment('api', 'nginx:1.26') });
    await eventually('the change', async () =>
      (await revision()) === '1' ? true : undefined,
    );
    await request(server)
      .post(`${api}/clusters/test-dev/apply`)
      .send({ object: deployment('api', 'nginx:1.27') });
    await eventually('the change', async () =>
      (await revision()) === '2' ? true : undefined,
    );

    const rolled = await request(server)
      .post(`${base}/rollback?namespace=${ns.name}`)
      .send({});
    expect(rolled.status).toBe(200);
    expect(rolled.body).toEqual({ revision: 1 });
    const image = await eventually('the change', async () => {
      const res = await request(server).get(`${base}?namespace=${ns.name}`);
      const current = res.body.spec.template.spec.containers[0].image;
      return current === 'nginx:1.26' ? current : undefined;
    });
    expect(image).toBe('nginx:1.26');

    const missing = await request(server)
      .post(`${base}/rollback?namespace=${ns.name}`)
      .send({ revision: 9 });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('has no revision 9');

    const events = await eventually('the change', async () => {
      const res = await request(server).get(
        `${base}/events?namespace=${ns.name}`,
      );
      return res.body.items?.some((e: any) => e.reason === 'ScalingReplicaSet')
        ? res
        : undefined;
    });
    expect(
      events.body.items.every((e: any) => e.involvedObject.name === 'api'),
    ).toBe(true);
  });

  it('rolls back to exactly the template before a restart, and 409 when that template already runs', async () => {
    const base = `${api}/clusters/test-dev/resources/deployments/restarted-api`;
    const read = async () =>
      (await request(server).get(`${base}?namespace=${ns.name}`)).body;
    const atRevision = (revision: string) =>
      eventually(`revision ${revision}`, async () => {
        const live = await read();
        return live.metadata?.annotations?.[
          'deployment.kubernetes.io/revision'
        ] === revision
          ? live
          : undefined;
      });
    await request(server)
      .post(`${api}/clusters/test-dev/apply`)
      .send({ object: deployment('restarted-api', 'nginx:1.27') });
    const original = await atRevision('1');

    const restarted = await request(server)
      .post(`${base}/restart?namespace=${ns.name}`)
      .send({});
    expect(restarted.status).toBe(200);
    const afterRestart = await atRevision('2');
    expect(
      afterRestart.spec.template.metadata.annotations[
        'kubectl.kubernetes.io/restartedAt'
      ],
    ).toBeDefined();

    const rolled = await request(server)
      .post(`${base}/rollback?namespace=${ns.name}`)
      .send({});
    expect(rolled.status).toBe(200);
    expect(rolled.body).toEqual({ revision: 1 });
    // The controller gives the revision rolled back to the next number.
    const afterRollback = await atRevision('3');
    expect(afterRollback.spec.template).toEqual(original.spec.template);
    expect(
      afterRollback.spec.template.metadata.annotations?.[
        'kubectl.kubernetes.io/restartedAt'
      ],
    ).toBeUndefined();
    expect(afterRollback.metadata.generation).toBeGreaterThan(
      afterRestart.metadata.generation,
    );

    const again = await request(server)
      .post(`${base}/rollback?namespace=${ns.name}`)
      .send({ revision: 3 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      `Deployment ${ns.name}/restarted-api already runs revision 3's template`,
    );
    expect((await read()).metadata.generation).toBe(
      afterRollback.metadata.generation,
    );
  });

  it('rolls a StatefulSet back to its previous revision, and 409 when that template already runs', async () => {
    const statefulSet = (image: string) => {
      const { spec, ...rest } = deployment('db', image);
      return {
        ...rest,
        kind: 'StatefulSet',
        spec: { ...spec, serviceName: 'db' },
      };
    };
    const base = `${api}/clusters/test-dev/resources/statefulsets/db`;
    const image = async () =>
      (await request(server).get(`${base}?namespace=${ns.name}`)).body.spec
        ?.template.spec.containers[0].image;
    for (const version of ['nginx:1.26', 'nginx:1.27']) {
      await request(server)
        .post(`${api}/clusters/test-dev/apply`)
        .send({ object: statefulSet(version) });
      await eventually('the change', async () =>
        (await image()) === version ? true : undefined,
      );
    }
    const revisions = () =>
      request(server)
        .get(`${api}/clusters/test-dev/resources/controllerrevisions`)
        .query({ namespace: ns.name, labelSelector: 'app=db' });
    await eventually('two revisions', async () =>
      (await revisions()).body.items?.length === 2 ? true : undefined,
    );

    const rolled = await request(server)
      .post(`${base}/rollback?namespace=${ns.name}`)
      .send({});
    expect(rolled.status).toBe(200);
    expect(rolled.body).toEqual({ revision: 1 });
    await eventually('the change', async () =>
      (await image()) === 'nginx:1.26' ? true : undefined,
    );

    // The controller gives the revision rolled back to the next number.
    await eventually('revision 3', async () =>
      (
        await revisions()
      ).body.items?.some((r: { revision: number }) => r.revision === 3)
        ? true
        : undefined,
    );
    const again = await request(server)
      .post(`${base}/rollback?namespace=${ns.name}`)
      .send({ revision: 3 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      `StatefulSet ${ns.name}/db already runs revision 3's template`,
    );
  });

  it('400 naming the field for a value of the wrong type in a server-side apply', async () => {
    const res = await request(server)
      .post(`${api}/clusters/test-dev/apply`)
      .send({
        object: { ...configMap('typed', {}), data: { count: 1 } },
      });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toBe(
      'Invalid object: field data.count: expected string, got 1',
    );
  });

  it('400 for a request body nested too deep, 413 for one too large, before any route', async () => {
    const deep = await request(server)
      .post(`${api}/clusters/test-dev/apply`)
      .set('Content-Type', 'application/json')
      .send(`{"object":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    expect(deep.status).toBe(400);
    expect(deep.body.error.message).toBe(
      'The request body is nested deeper than 64 levels',
    );

    const large = await request(server)
      .post(`${api}/clusters/test-dev/apply`)
      .send({ object: configMap('large', { a: 'x'.repeat(3 * 1024 * 1024) }) });
    expect(large.status).toBe(413);
    expect(large.body.error.message).toBe(
      'The request body is larger than 2mb',
    );
  });

  it('works on CRDs: applies, lists and scales a CloneSet', async () => {
    const cloneSet = {
      apiVersion: 'apps.kruise.io/v1alpha1',
      kind: 'CloneSet',
      metadata: { name: 'canary', namespace: ns.name },
      spec: { replicas: 1 },
    };
    expect(
      (
        await request(server)
          .post(`${api}/clusters/test-dev/apply`)
          .send({ object: cloneSet })
      ).status,
    ).toBe(200);
    const list = await eventually('the change', async () => {
      const res = await request(server).get(
        `${api}/clusters/test-dev/resources/clonesets.apps.kruise.io?namespace=${ns.name}`,
      );
      return res.body.items?.length ? res : undefined;
    });
    expect(list.body.kind.kind).toBe('CloneSet');
    const scaled = await request(server)
      .post(
        `${api}/clusters/test-dev/resources/clonesets/canary/scale?namespace=${ns.name}`,
      )
      .send({ replicas: 2 });
    expect(scaled.status).toBe(200);
    expect(scaled.body).toEqual({ replicas: 2 });
  });

  it('a change made in the cluster reaches the cache and the change stream', async () => {
    const changes = await openChanges(
      server,
      `resources=configmaps&namespace=${ns.name}&clusters=test-dev`,
    );
    const core = testKubeConfig(dev).makeApiClient(CoreV1Api);
    await core.createNamespacedConfigMap({
      namespace: ns.name,
      body: { metadata: { name: 'from-outside' }, data: { a: 'b' } },
    });
    const event = await eventually('the change', async () =>
      changes.received.find(e => e.object.metadata.name === 'from-outside'),
    );
    expect(event).toMatchObject({
      type: 'ADDED',
      cluster: 'test-dev',
      resource: 'configmaps',
    });
    const cached = await request(server).get(
      `${api}/clusters/test-dev/resources/configmaps/from-outside?namespace=${ns.name}`,
    );
    expect(cached.body.data).toEqual({ a: 'b' });
    changes.close();
  });

  it('an object relabelled out of a followed selector leaves the stream as deleted', async () => {
    const changes = await openChanges(
      server,
      `resources=configmaps&namespace=${ns.name}&clusters=test-dev&labelSelector=app%3Dfollowed`,
    );
    const core = testKubeConfig(dev).makeApiClient(CoreV1Api);
    await core.createNamespacedConfigMap({
      namespace: ns.name,
      body: { metadata: { name: 'relabelled', labels: { app: 'followed' } } },
    });
    await eventually('the object to appear', async () =>
      changes.received.find(
        e => e.type === 'ADDED' && e.object.metadata.name === 'relabelled',
      ),
    );
    const live = await core.readNamespacedConfigMap({
      name: 'relabelled',
      namespace: ns.name,
    });
    await core.replaceNamespacedConfigMap({
      name: 'relabelled',
      namespace: ns.name,
      body: {
        ...live,
        metadata: { ...live.metadata, labels: { app: 'other' } },
      },
    });
    const left = await eventually('the object to leave', async () =>
      changes.received.find(
        e => e.type === 'DELETED' && e.object.metadata.name === 'relabelled',
      ),
    );
    // What the follower last saw of it.
    expect(left.object.metadata.labels).toEqual({ app: 'followed' });
    changes.close();
  });

  it('403 naming the cluster for a change to a read-only cluster, audited', async () => {
    const res = await request(server)
      .post(
        `${api}/clusters/test-prod/resources/deployments/storefront/scale?namespace=team-shop`,
      )
      .send({ replicas: 5 });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      "Cluster 'test-prod' is read-only: k8s-ops refuses every change to it",
    );
    const audit = await request(server).get(
      `${api}/audit?cluster=test-prod&action=resource-scale`,
    );
    expect(audit.body.items[0]).toMatchObject({
      outcome: 'failed',
      status: 403,
      name: 'storefront',
    });
  });

  it('an empty list and 403 on changes under a denying policy', async () => {
    policy = () => ({ result: AuthorizeResult.DENY });
    const list = await request(server).get(
      `${api}/clusters/test-dev/resources/pods`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    const scale = await request(server)
      .post(
        `${api}/clusters/test-dev/resources/deployments/storefront/scale?namespace=team-shop`,
      )
      .send({ replicas: 5 });
    expect(scale.status).toBe(403);
    expect(scale.body.error.message).toBe(
      "You may not scale Deployment team-shop/storefront on cluster 'test-dev'",
    );
  });

  it('filters lists and refuses changes by the conditions of the policy', async () => {
    const inTeamShop: PolicyDecision = {
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'k8s-ops',
      resourceType: 'k8s-ops-resource',
      conditions: {
        rule: 'IS_IN_NAMESPACE',
        resourceType: 'k8s-ops-resource',
        params: { namespaces: ['team-shop'] },
      },
    };
    policy = name =>
      name.startsWith('k8s-ops.resource.')
        ? inTeamShop
        : { result: AuthorizeResult.ALLOW };
    const list = await request(server).get(
      `${api}/clusters/test-dev/resources/pods`,
    );
    const namespaces = new Set(
      list.body.items.map((p: any) => p.metadata.namespace),
    );
    expect([...namespaces]).toEqual(['team-shop']);
    const refused = await request(server)
      .post(
        `${api}/clusters/test-dev/resources/deployments/session-cache/scale?namespace=team-data`,
      )
      .send({ replicas: 2 });
    // Out of the person's reach is answered like missing.
    expect(refused.status).toBe(404);
  });

  it('decides conditions on one object named by its resource ref', async () => {
    const inTeamShop = {
      rule: 'IS_IN_NAMESPACE',
      resourceType: 'k8s-ops-resource',
      params: { namespaces: ['team-shop'] },
    };
    const refs = [
      'test-dev/deployments.apps/team-shop/storefront',
      'test-dev/deployments/team-data/session-cache',
      'test-dev/deployments/team-shop/no-such-deployment',
      'no-such-cluster/deployments/team-shop/storefront',
      'not a ref',
    ];
    const response = await request(server)
      .post(`${api}/.well-known/backstage/permissions/apply-conditions`)
      .set('Authorization', mockCredentials.service.header())
      .send({
        items: refs.map((resourceRef, i) => ({
          id: String(i),
          resourceRef,
          resourceType: 'k8s-ops-resource',
          conditions: inTeamShop,
        })),
      });
    expect(response.status).toBe(200);
    expect(
      response.body.items.map((i: { result: string }) => i.result),
    ).toEqual(['ALLOW', 'DENY', 'DENY', 'DENY', 'DENY']);
  });

  it('masks Secret values, and reveals them only to a person who may', async () => {
    const masked = await request(server).get(
      `${api}/clusters/test-dev/resources/secrets/orders-db?namespace=team-data`,
    );
    expect(masked.body.data).toEqual({ password: '' });
    expect(masked.body.metadata.annotations['k8s-ops.dev/masked']).toBe('true');
    expect(JSON.stringify(masked.body)).not.toContain(
      'bm90LWEtcmVhbC1wYXNzd29yZA',
    );

    policy = name =>
      name === 'k8s-ops.secret.reveal'
        ? { result: AuthorizeResult.DENY }
        : { result: AuthorizeResult.ALLOW };
    const refused = await request(server).post(
      `${api}/clusters/test-dev/resources/secrets/orders-db/reveal?namespace=team-data`,
    );
    expect(refused.status).toBe(403);

    policy = allowAll;
    const revealed = await request(server).post(
      `${api}/clusters/test-dev/resources/secrets/orders-db/reveal?namespace=team-data`,
    );
    expect(Buffer.from(revealed.body.data.password, 'base64').toString()).toBe(
      'not-a-real-password',
    );
  });

  it("keeps Kubernetes' refusal of a limited identity", async () => {
    const refused = await request(server).get(
      `${api}/clusters/dev-limited/resources/pods?namespace=team-data`,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'pods is forbidden: User "k8s-ops-limited" cannot list resource "pods" in API group "" at the cluster scope',
    );
  });

  it('impersonates the signed-in person: Kubernetes RBAC decides what they see', async () => {
    const before = await request(server).get(
      `${api}/clusters/dev-as-person/resources/configmaps?namespace=${ns.name}`,
    );
    expect(before.status).toBe(403);
    expect(before.body.error.message).toContain(
      `User "user:default/dana" cannot list resource "configmaps" in API group "" in the namespace "${ns.name}"`,
    );

    const rbac = testKubeConfig(dev).makeApiClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRoleBinding({
      namespace: ns.name,
      body: {
        metadata: { name: 'team-shop-view' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'view',
        },
        subjects: [
          {
            kind: 'Group',
            apiGroup: 'rbac.authorization.k8s.io',
            name: 'group:default/team-shop',
          },
        ],
      },
    });
    const after = await eventually('the change', async () => {
      const res = await request(server).get(
        `${api}/clusters/dev-as-person/resources/configmaps?namespace=${ns.name}`,
      );
      return res.status === 200 ? res : undefined;
    });
    expect(after.body.items.length).toBeGreaterThan(0);
  });

  it.each([
    [
      'GET',
      '/clusters/nope/resources/pods',
      undefined,
      404,
      "No cluster named 'nope'",
    ],
    [
      'GET',
      '/clusters/test-dev/resources/gizmos',
      undefined,
      404,
      "serves no kind 'gizmos'",
    ],
    [
      'GET',
      '/clusters/test-dev/resources/pods?labelSelector=a%20b%3Dc',
      undefined,
      400,
      'invalid label key',
    ],
    [
      'GET',
      '/clusters/test-dev/resources/pods?fieldSelector=status.phase',
      undefined,
      400,
      'invalid field selector term',
    ],
    [
      'GET',
      '/clusters/test-dev/resources/pods?limit=0',
      undefined,
      400,
      'limit',
    ],
    [
      'GET',
      '/clusters/test-dev/resources/pods?continue=garbage',
      undefined,
      400,
      "Invalid 'continue'",
    ],
    [
      'GET',
      '/clusters/test-dev/resources/pods/Bad_Name?namespace=team-shop',
      undefined,
      400,
      'name: must be a Kubernetes object name',
    ],
    [
      'GET',
      '/clusters/test-dev/resources/pods/web',
      undefined,
      400,
      'Pod is namespaced: give a namespace',
    ],
    [
      'POST',
      '/clusters/test-dev/apply',
      { object: { apiVersion: 'v1', metadata: { name: 'x' } } },
      400,
      'object.kind',
    ],
    [
      'POST',
      '/clusters/test-dev/apply',
      {
        object: {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'x', namespace: 'team-shop' },
          data: { 'bad key!': 'v' },
        },
      },
      400,
      'bad key!',
    ],
    [
      'POST',
      '/clusters/test-dev/apply',
      { object: { apiVersion: 'v9', kind: 'Gizmo', metadata: { name: 'x' } } },
      404,
      'serves no kind Gizmo in v9',
    ],
    [
      'POST',
      '/clusters/test-dev/resources/configmaps/kube-root-ca.crt/scale?namespace=team-shop',
      { replicas: 1 },
      400,
      'ConfigMap cannot be scaled',
    ],
    [
      'POST',
      '/clusters/test-dev/resources/deployments/storefront/scale?namespace=team-shop',
      { replicas: -1 },
      400,
      'replicas',
    ],
    [
      'POST',
      '/clusters/test-dev/resources/pods/x/restart?namespace=team-shop',
      {},
      404,
      'not found',
    ],
    [
      'POST',
      '/clusters/test-dev/resources/configmaps/kube-root-ca.crt/rollback?namespace=team-shop',
      {},
      400,
      'Only Deployments, StatefulSets and DaemonSets',
    ],
    [
      'PATCH',
      '/clusters/test-dev/resources/configmaps/kube-root-ca.crt?namespace=team-shop',
      { patch: {} },
      400,
      'must change at least one field',
    ],
    [
      'DELETE',
      '/clusters/test-dev/resources/configmaps/kube-root-ca.crt?namespace=team-shop&propagationPolicy=Eventually',
      undefined,
      400,
      'propagationPolicy',
    ],
    ['GET', '/workloads', undefined, 400, 'labelSelector'],
  ])('%s %s (%j) answers %i', async (method, path, body, status, message) => {
    const call = request(server)[method.toLowerCase() as 'get'](
      `${api}${path}`,
    );
    const res = body === undefined ? await call : await call.send(body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toContain(message);
  });

  it("finds an entity's workloads on every cluster by its label selector", async () => {
    const res = await request(server).get(`${api}/workloads`).query({
      labelSelector: 'backstage.io/kubernetes-id=checkout',
      namespace: 'team-shop',
    });
    expect(res.status).toBe(200);
    const devResult = res.body.clusters.find(
      (c: { cluster: string }) => c.cluster === 'test-dev',
    );
    expect(
      devResult.resources['deployments.apps']
        .map((d: any) => d.metadata.name)
        .sort(),
    ).toEqual(['checkout', 'checkout-worker']);
    expect(devResult.resources['jobs.batch'].length).toBe(2);
    expect(devResult.resources.pods.length).toBeGreaterThanOrEqual(3);
  });

  it("lists the custom resources labelled with an entity's selector beside its workloads", async () => {
    const res = await request(server).get(`${api}/workloads`).query({
      labelSelector: 'backstage.io/kubernetes-id=storefront',
      view: 'summary',
    });
    expect(res.status).toBe(200);
    const devCluster = res.body.clusters.find(
      (c: { cluster: string }) => c.cluster === 'test-dev',
    );
    const namesOf = (resource: string) =>
      devCluster.resources[resource].map(
        (o: any) => `${o.kind}/${o.metadata.name}`,
      );
    expect(namesOf('clonesets.apps.kruise.io')).toEqual([
      'CloneSet/storefront-canary',
    ]);
    expect(namesOf('ingressroutes.traefik.io')).toEqual([
      'IngressRoute/storefront',
    ]);
    // Kinds of Kubernetes itself are not custom resources.
    expect(
      Object.keys(devCluster.resources).filter(r => r.endsWith('.k8s.io')),
    ).toEqual([
      'endpointslices.discovery.k8s.io',
      'ingresses.networking.k8s.io',
    ]);

    // A change stream may name them; a kind no cluster serves is still a 404.
    const refused = await request(server)
      .get(`${api}/changes`)
      .query({ resources: 'deployments.apps,gizmos.example.io' });
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toMatch(
      /serves no kind 'gizmos.example.io'/,
    );
  });

  it('answers summaries with an ETag, and 304 without a body when nothing changed', async () => {
    const query = {
      labelSelector: 'backstage.io/kubernetes-id=checkout',
      namespace: 'team-shop',
      view: 'summary',
    };
    const full = await request(server).get(`${api}/workloads`).query({
      labelSelector: query.labelSelector,
      namespace: query.namespace,
    });
    const first = await request(server).get(`${api}/workloads`).query(query);
    expect(first.status).toBe(200);
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
    const devOf = (res: request.Response) =>
      res.body.clusters.find(
        (c: { cluster: string }) => c.cluster === 'test-dev',
      );
    const checkout = devOf(first).resources['deployments.apps'].find(
      (d: any) => d.metadata.name === 'checkout',
    );
    // The images stay, the rest of the pod template and annotations go.
    expect(checkout.spec.template.spec.containers[0].image).toEqual(
      expect.any(String),
    );
    expect(checkout.spec.template.metadata).toBeUndefined();
    expect(checkout.metadata.annotations).toBeUndefined();
    expect(checkout.status).toEqual(
      devOf(full).resources['deployments.apps'].find(
        (d: any) => d.metadata.name === 'checkout',
      ).status,
    );
    expect(first.text.length).toBeLessThan(full.text.length);

    // The checkout pods crash and restart, so their answer keeps changing:
    // the ETag is checked on objects that do not change.
    const probe = {
      ...configMap('etag-probe', { a: '1' }),
      metadata: {
        name: 'etag-probe',
        namespace: ns.name,
        labels: { 'k8s-ops-etag': 'probe' },
      },
    };
    await request(server)
      .post(`${api}/clusters/test-dev/apply`)
      .send({ object: probe })
      .expect(200);
    const stable = { labelSelector: 'k8s-ops-etag=probe', view: 'summary' };
    // Every cluster's kinds have been listed once the answer holds still.
    const answered = await eventually(
      'the probe in an answer that holds still',
      async () => {
        const res = await request(server).get(`${api}/workloads`).query(stable);
        const next = await request(server)
          .get(`${api}/workloads`)
          .query(stable);
        return devOf(res)?.resources.configmaps?.length === 1 &&
          res.headers.etag === next.headers.etag
          ? res
          : undefined;
      },
    );
    const again = await request(server)
      .get(`${api}/workloads`)
      .query(stable)
      .set('If-None-Match', answered.headers.etag);
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
    const other = await request(server)
      .get(`${api}/workloads`)
      .query(stable)
      .set('If-None-Match', '"something-else"');
    expect(other.status).toBe(200);
  });
});
