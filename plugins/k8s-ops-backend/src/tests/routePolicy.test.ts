import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  k8sOpsClusterReadPermission,
  k8sOpsResourceReadPermission,
} from '@k8s-ops/plugin-k8s-ops-common';
import {
  createTestNamespace,
  eventually,
  TestCluster,
  testClusters,
  testKubeConfig,
} from '@k8s-ops/local-kube/testing';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { Server } from 'node:http';
import request from 'supertest';
import {
  allowAll,
  startK8sOpsBackend,
  TestPolicy,
} from '../__testUtils__/startK8sOpsBackend';
import {
  testClusterConfig,
  testClusterKubeconfig,
} from '../__testUtils__/testClusterConfig';
import { openChanges } from '../__testUtils__/openChanges';
import {
  createK8sOpsClusterConditionalDecision,
  createK8sOpsResourceConditionalDecision,
  k8sOpsClusterConditions,
  k8sOpsResourceConditions,
} from '../permissions/conditionExports';

/*
 * Every route of the plugin under three policies: one that allows
 * everything, one that denies everything, and the policy of a team member
 * (clusters `test-dev` and the `staging` group, objects in the team's
 * namespaces, no cluster management, no audit trail). Each answer is checked
 * for its status, for anything outside the conditions in its body, and,
 * for every change, for its row in the audit trail.
 */

const api = '/api/k8s-ops';
const key = randomBytes(32).toString('base64');
const DENY = { result: AuthorizeResult.DENY } as const;
const denyAll: TestPolicy = () => DENY;

/** A team member's policy: conditional reads and changes, nothing else. */
function teamPolicy(namespaces: string[]): TestPolicy {
  const clusters = createK8sOpsClusterConditionalDecision(
    k8sOpsClusterReadPermission,
    {
      anyOf: [
        k8sOpsClusterConditions.isCluster({ clusters: ['test-dev'] }),
        k8sOpsClusterConditions.isInClusterGroup({ groups: ['staging'] }),
      ],
    },
  );
  const objects = createK8sOpsResourceConditionalDecision(
    k8sOpsResourceReadPermission,
    k8sOpsResourceConditions.isInNamespace({ namespaces }),
  );
  return name => {
    if (name === 'k8s-ops.cluster.read') {
      return clusters;
    }
    if (
      name.startsWith('k8s-ops.resource.') ||
      name === 'k8s-ops.secret.reveal'
    ) {
      return objects;
    }
    return DENY;
  };
}

const suffix = () => randomBytes(4).toString('hex');
const personOnly =
  /^Only a signed-in person may .+; a service or static token may only read$/;

/** The newest audit row when a step starts. */
interface AuditMark {
  since?: string;
  lastId: number;
}

describe('route policy', () => {
  let dev: TestCluster;
  let prod: TestCluster;
  let core: CoreV1Api;
  let apps: AppsV1Api;
  let server: Server;
  let policy: TestPolicy = allowAll;

  beforeAll(async () => {
    [dev, , prod] = testClusters();
    core = testKubeConfig(dev).makeApiClient(CoreV1Api);
    apps = testKubeConfig(dev).makeApiClient(AppsV1Api);
    const backend = await startK8sOpsBackend({
      policy: () => policy,
      config: {
        k8sOps: {
          cache: { prewarm: [] },
          encryption: { keys: [key] },
          clusters: testClusters().map(c => testClusterConfig(c)),
        },
      },
    });
    server = backend.server;
  });

  beforeEach(() => {
    policy = allowAll;
  });

  /** Runs with everything allowed, then puts the policy back. */
  async function asAdmin<T>(fn: () => Promise<T>): Promise<T> {
    const before = policy;
    policy = allowAll;
    try {
      return await fn();
    } finally {
      policy = before;
    }
  }

  /** The audit rows since a time, read by someone allowed to. */
  /** Where the audit trail stands now: rows written later are new. */
  async function auditMark(): Promise<AuditMark> {
    return asAdmin(async () => {
      const res = await request(server).get(`${api}/audit?limit=1`);
      expect(res.status).toBe(200);
      const [last] = res.body.items as Array<{ id: string; createdAt: string }>;
      return { since: last?.createdAt, lastId: Number(last?.id ?? 0) };
    });
  }

  /**
   * The audit rows written after the mark, told apart by their increasing
   * ids: a row written in the same millisecond just before does not count.
   */
  async function auditSince(mark: AuditMark, query: string) {
    return asAdmin(async () => {
      const since = mark.since ? `since=${mark.since}` : '';
      const res = await request(server).get(
        `${api}/audit?${[since, query].filter(Boolean).join('&')}`,
      );
      expect(res.status).toBe(200);
      return (res.body.items as Array<Record<string, unknown>>).filter(
        row => Number(row.id) > mark.lastId,
      );
    });
  }

  /** Waits until the plugin serves an object, as it is after `check`. */
  function served(path: string, check: (object: any) => boolean = () => true) {
    return eventually(`${path} in the cache`, () =>
      asAdmin(async () => {
        const res = await request(server).get(`${api}${path}`);
        return res.status === 200 && check(res.body) ? true : undefined;
      }),
    );
  }

  const configMap = (
    namespace: string,
    name: string,
    data: Record<string, string>,
    labels: Record<string, string> = {},
  ) =>
    core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name, labels }, data },
    });

  const deploymentBody = (
    name: string,
    image: string,
    labels: Record<string, string> = {},
  ) => ({
    metadata: { name, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name, image }] },
      },
    },
  });

  const revisionOf = async (namespace: string, name: string) =>
    (await apps.readNamespacedDeployment({ name, namespace })).metadata
      ?.annotations?.['deployment.kubernetes.io/revision'];

  /** A Deployment the controller has rolled out twice, served from the cache. */
  async function twiceRolledOut(namespace: string, name: string) {
    await apps.createNamespacedDeployment({
      namespace,
      body: deploymentBody(name, 'nginx:1.26'),
    });
    await eventually('revision 1', async () =>
      (await revisionOf(namespace, name)) === '1' ? true : undefined,
    );
    // The controller writes the status meanwhile: read and replace again
    // on a conflict.
    await eventually('the new image', async () => {
      const live = await apps.readNamespacedDeployment({ name, namespace });
      live.spec!.template.spec!.containers[0].image = 'nginx:1.27';
      await apps.replaceNamespacedDeployment({ name, namespace, body: live });
      return true;
    });
    await eventually('revision 2', async () =>
      (await revisionOf(namespace, name)) === '2' ? true : undefined,
    );
    await served(
      `/clusters/test-dev/resources/deployments/${name}?namespace=${namespace}`,
      d =>
        d.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2',
    );
  }

  /** What a refused change must leave as it was. */
  const configMapVersion = (namespace: string, name: string) =>
    core
      .readNamespacedConfigMap({ name, namespace })
      .then(c => c.metadata?.resourceVersion)
      .catch(() => 'absent');
  const deploymentGeneration = (namespace: string, name: string) =>
    apps
      .readNamespacedDeployment({ name, namespace })
      .then(d => String(d.metadata?.generation))
      .catch(() => 'absent');

  describe('reads', () => {
    type Who = 'ALLOW' | 'DENY' | 'CONDITIONAL' | 'a service token';
    const who: Who[] = ['ALLOW', 'DENY', 'CONDITIONAL', 'a service token'];
    let inside: { name: string; remove(): Promise<void> };
    let outside: { name: string; remove(): Promise<void> };
    const id = `policy-${suffix()}`;
    const insideMarker = `inside-${suffix()}`;
    const outsideMarker = `outside-${suffix()}`;

    beforeAll(async () => {
      inside = await createTestNamespace(dev, 'policy-in');
      outside = await createTestNamespace(dev, 'policy-out');
      for (const [ns, marker] of [
        [inside.name, insideMarker],
        [outside.name, outsideMarker],
      ]) {
        await configMap(ns, 'settings', { marker }, { 'k8s-ops-policy': id });
        await apps.createNamespacedDeployment({
          namespace: ns,
          body: deploymentBody('web', 'nginx:1.27', {
            'backstage.io/kubernetes-id': id,
          }),
        });
        await served(
          `/clusters/test-dev/resources/configmaps/settings?namespace=${ns}`,
        );
        await served(
          `/clusters/test-dev/resources/deployments/web?namespace=${ns}`,
        );
      }
    });

    afterAll(async () => {
      await inside.remove();
      await outside.remove();
    });

    const policyOf = (w: Who): TestPolicy => {
      if (w === 'DENY') {
        return denyAll;
      }
      // team-shop is seeded on every cluster, the hidden ones included.
      return w === 'CONDITIONAL'
        ? teamPolicy([inside.name, 'team-shop'])
        : allowAll;
    };

    interface Read {
      route: string;
      method?: 'get' | 'post';
      path: () => string;
      /** Status for ALLOW, DENY, CONDITIONAL, a service token. */
      status: [number, number, number, number];
      /** What an unrestricted reader is shown; none of it under DENY. */
      all?: () => string[];
      /** What the team member is shown. */
      allowed?: () => string[];
      /** What the team member must never be shown. */
      hidden?: () => string[];
    }

    const object = (ns: () => string, resource: string, name: string) => () =>
      `/clusters/test-dev/resources/${resource}/${name}?namespace=${ns()}`;
    const events = (ns: () => string) => () =>
      `/clusters/test-dev/resources/deployments/web/events?namespace=${ns()}`;

    const reads: Read[] = [
      {
        route: 'GET /health',
        path: () => '/health',
        status: [200, 200, 200, 200],
      },
      {
        route: 'GET /clusters',
        path: () => '/clusters',
        status: [200, 200, 200, 200],
        all: () => ['test-dev', 'test-staging', 'test-prod'],
        allowed: () => ['test-dev', 'test-staging'],
        hidden: () => ['test-prod', prod.server],
      },
      {
        route: 'GET /clusters/:cluster (allowed by name)',
        path: () => '/clusters/test-dev',
        status: [200, 404, 200, 200],
        all: () => [dev.server],
        allowed: () => [dev.server],
      },
      {
        route: 'GET /clusters/:cluster (outside the conditions)',
        path: () => '/clusters/test-prod',
        status: [200, 404, 404, 200],
        all: () => [prod.server],
        hidden: () => [prod.server],
      },
      {
        route: 'POST /clusters/:cluster/health (allowed by group)',
        method: 'post',
        path: () => '/clusters/test-staging/health',
        status: [200, 404, 200, 200],
        all: () => ['"version"'],
        allowed: () => ['"version"'],
      },
      {
        route: 'POST /clusters/:cluster/health (outside the conditions)',
        method: 'post',
        path: () => '/clusters/test-prod/health',
        status: [200, 404, 404, 200],
        all: () => ['"version"'],
        hidden: () => ['"version"'],
      },
      {
        route: 'GET /clusters/:cluster/discovery',
        path: () => '/clusters/test-dev/discovery',
        status: [200, 404, 200, 200],
        all: () => ['"kinds"'],
        allowed: () => ['"kinds"'],
      },
      {
        route: 'GET /clusters/:cluster/discovery (outside the conditions)',
        path: () => '/clusters/test-prod/discovery',
        status: [200, 404, 404, 200],
        all: () => ['"kinds"'],
        hidden: () => ['"kinds"'],
      },
      {
        route: 'GET /clusters/:cluster/resources/:resource',
        path: () =>
          `/clusters/test-dev/resources/configmaps?labelSelector=k8s-ops-policy%3D${id}`,
        status: [200, 200, 200, 200],
        all: () => [inside.name, outside.name, insideMarker, outsideMarker],
        allowed: () => [inside.name, insideMarker],
        hidden: () => [outside.name, outsideMarker],
      },
      {
        route: 'GET /clusters/:cluster/resources/:resource/:name',
        path: object(() => inside.name, 'configmaps', 'settings'),
        status: [200, 404, 200, 200],
        all: () => [insideMarker],
        allowed: () => [insideMarker],
      },
      {
        route:
          'GET /clusters/:cluster/resources/:resource/:name (outside the conditions)',
        path: object(() => outside.name, 'configmaps', 'settings'),
        status: [200, 404, 404, 200],
        all: () => [outsideMarker],
        hidden: () => [outsideMarker],
      },
      {
        route: 'GET /clusters/:cluster/resources/:resource/:name/events',
        path: events(() => inside.name),
        status: [200, 404, 200, 200],
      },
      {
        route:
          'GET /clusters/:cluster/resources/:resource/:name/events (outside the conditions)',
        path: events(() => outside.name),
        status: [200, 404, 404, 200],
      },
      {
        route:
          'GET /clusters/:cluster/resources/:resource (cluster outside the conditions)',
        path: () =>
          '/clusters/test-prod/resources/configmaps?namespace=team-shop',
        status: [200, 200, 200, 200],
        all: () => ['kube-root-ca.crt'],
        hidden: () => ['kube-root-ca.crt', '-----BEGIN CERTIFICATE-----'],
      },
      {
        route:
          'GET /clusters/:cluster/resources/:resource/:name (cluster outside the conditions)',
        path: () =>
          '/clusters/test-prod/resources/configmaps/kube-root-ca.crt?namespace=team-shop',
        status: [200, 404, 404, 200],
        all: () => ['-----BEGIN CERTIFICATE-----'],
        hidden: () => ['-----BEGIN CERTIFICATE-----'],
      },
      {
        route: 'GET /workloads',
        path: () =>
          `/workloads?labelSelector=backstage.io%2Fkubernetes-id%3D${id}`,
        status: [200, 200, 200, 200],
        all: () => [inside.name, outside.name, 'test-staging', 'test-prod'],
        allowed: () => [inside.name, 'test-dev', 'test-staging'],
        hidden: () => [outside.name, 'test-prod'],
      },
      {
        route: 'GET /cache',
        path: () => '/cache',
        status: [200, 403, 403, 200],
        all: () => ['test-dev'],
        hidden: () => ['test-dev', 'test-prod'],
      },
      {
        route: 'GET /audit',
        path: () => '/audit',
        status: [200, 403, 403, 200],
        all: () => ['"items"'],
        hidden: () => ['"items"'],
      },
    ];

    describe.each(who)('under %s', w => {
      it.each(reads)(
        '$route',
        async ({ method = 'get', path, status, all, allowed, hidden }) => {
          policy = policyOf(w);
          const started = await auditMark();
          const call = request(server)[method](`${api}${path()}`);
          const res = await (w === 'a service token'
            ? call.set('Authorization', mockCredentials.service.header())
            : call);
          expect(res.status).toBe(status[who.indexOf(w)]);
          const shown = (text: string) => res.text.includes(text);
          const [mustShow, mustHide] = {
            ALLOW: [all, undefined],
            DENY: [undefined, all],
            CONDITIONAL: [allowed, hidden],
            'a service token': [all, undefined],
          }[w];
          expect({
            missing: (mustShow?.() ?? []).filter(t => !shown(t)),
            leaked: (mustHide?.() ?? []).filter(shown),
          }).toEqual({ missing: [], leaked: [] });
          // Reads leave no row in the audit trail.
          expect(await auditSince(started, '')).toEqual([]);
        },
      );
    });

    it.each(who)(
      'GET /changes under %s streams only the changes the policy shows',
      async w => {
        const label = `stream-${suffix()}`;
        const query = `resources=configmaps&labelSelector=k8s-ops-stream%3D${label}`;
        policy = policyOf(w);
        const followed = await openChanges(server, query, {
          authorization:
            w === 'a service token'
              ? mockCredentials.service.header()
              : undefined,
        });
        policy = allowAll;
        const witness = await openChanges(server, query);
        expect(followed.status).toBe(200);
        // Made outside first: the stream keeps the order of one kind.
        await configMap(
          outside.name,
          'streamed',
          { marker: outsideMarker },
          { 'k8s-ops-stream': label },
        );
        await configMap(
          inside.name,
          'streamed',
          { marker: insideMarker },
          { 'k8s-ops-stream': label },
        );
        const namespaces = (received: typeof followed.received) =>
          received.map(c => c.object.metadata.namespace);
        await eventually('both changes reach the witness', async () =>
          witness.received.length === 2 ? true : undefined,
        );
        expect(namespaces(witness.received)).toEqual([
          outside.name,
          inside.name,
        ]);
        const expected = {
          ALLOW: [outside.name, inside.name],
          DENY: [],
          CONDITIONAL: [inside.name],
          'a service token': [outside.name, inside.name],
        }[w];
        await eventually('the changes the policy shows', async () =>
          followed.received.length >= expected.length ? true : undefined,
        );
        // One more answer from the server, so that anything it sent before
        // has arrived.
        await request(server).get(`${api}/health`);
        expect(namespaces(followed.received)).toEqual(expected);
        expect(followed.received.map(c => c.type)).toEqual(
          expected.map(() => 'ADDED'),
        );
        followed.close();
        witness.close();
        await core.deleteNamespacedConfigMap({
          name: 'streamed',
          namespace: outside.name,
        });
        await core.deleteNamespacedConfigMap({
          name: 'streamed',
          namespace: inside.name,
        });
      },
    );
  });

  describe('changes to objects', () => {
    type Who =
      | 'ALLOW'
      | 'DENY'
      | 'CONDITIONAL, in an allowed namespace'
      | 'CONDITIONAL, outside the allowed namespaces'
      | 'a service token';

    interface Change {
      route: string;
      action: string;
      kind: string;
      name: string;
      /** Objects the change needs, made by the cluster admin. */
      seed?: (ns: string, marker: string) => Promise<void>;
      send: (ns: string) => request.Test;
      /** Status when allowed, under DENY, and outside the conditions. */
      status: { ok: number; denied: number; outside: number };
      /** What the change changes, and a refused one leaves as it was. */
      state: (ns: string) => Promise<string | undefined>;
    }

    const resourcePath = (resource: string, name: string, ns: string) =>
      `${api}/clusters/test-dev/resources/${resource}/${name}?namespace=${ns}`;
    const cm = (ns: string, name: string, data: Record<string, string>) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: ns },
      data,
    });
    const seedConfigMap =
      (name: string) => async (ns: string, marker: string) => {
        await configMap(ns, name, { marker });
        await served(
          `/clusters/test-dev/resources/configmaps/${name}?namespace=${ns}`,
        );
      };
    const seedDeployment = (name: string) => async (ns: string) => {
      await apps.createNamespacedDeployment({
        namespace: ns,
        body: deploymentBody(name, 'nginx:1.27'),
      });
      await served(
        `/clusters/test-dev/resources/deployments/${name}?namespace=${ns}`,
      );
    };

    const changes: Change[] = [
      {
        route: 'POST /clusters/:cluster/resources',
        action: 'resource-create',
        kind: 'ConfigMap',
        name: 'made',
        send: ns =>
          request(server)
            .post(`${api}/clusters/test-dev/resources`)
            .send({ object: cm(ns, 'made', { color: 'blue' }) }),
        status: { ok: 201, denied: 403, outside: 403 },
        state: ns => configMapVersion(ns, 'made'),
      },
      {
        route: 'POST /clusters/:cluster/apply',
        action: 'resource-apply',
        kind: 'ConfigMap',
        name: 'applied',
        seed: seedConfigMap('applied'),
        send: ns =>
          request(server)
            .post(`${api}/clusters/test-dev/apply`)
            .send({ object: cm(ns, 'applied', { color: 'green' }) }),
        // Refused as a create: nothing tells that it exists.
        status: { ok: 200, denied: 403, outside: 403 },
        state: ns => configMapVersion(ns, 'applied'),
      },
      {
        route: 'PATCH /clusters/:cluster/resources/:resource/:name',
        action: 'resource-patch',
        kind: 'ConfigMap',
        name: 'patched',
        seed: seedConfigMap('patched'),
        send: ns =>
          request(server)
            .patch(resourcePath('configmaps', 'patched', ns))
            .send({ patch: { data: { color: 'green' } } }),
        status: { ok: 200, denied: 403, outside: 404 },
        state: ns => configMapVersion(ns, 'patched'),
      },
      {
        route: 'DELETE /clusters/:cluster/resources/:resource/:name',
        action: 'resource-delete',
        kind: 'ConfigMap',
        name: 'deleted',
        seed: seedConfigMap('deleted'),
        send: ns =>
          request(server).delete(resourcePath('configmaps', 'deleted', ns)),
        status: { ok: 200, denied: 403, outside: 404 },
        state: ns => configMapVersion(ns, 'deleted'),
      },
      {
        route: 'POST .../:name/scale',
        action: 'resource-scale',
        kind: 'Deployment',
        name: 'scaled',
        seed: seedDeployment('scaled'),
        send: ns =>
          request(server)
            .post(
              `${resourcePath('deployments', 'scaled', ns)}`.replace(
                '?',
                '/scale?',
              ),
            )
            .send({ replicas: 2 }),
        status: { ok: 200, denied: 403, outside: 404 },
        state: ns => deploymentGeneration(ns, 'scaled'),
      },
      {
        route: 'POST .../:name/restart',
        action: 'resource-restart',
        kind: 'Deployment',
        name: 'restarted',
        seed: seedDeployment('restarted'),
        send: ns =>
          request(server)
            .post(
              resourcePath('deployments', 'restarted', ns).replace(
                '?',
                '/restart?',
              ),
            )
            .send({}),
        status: { ok: 200, denied: 403, outside: 404 },
        state: ns => deploymentGeneration(ns, 'restarted'),
      },
      {
        route: 'POST .../:name/rollback',
        action: 'resource-rollback',
        kind: 'Deployment',
        name: 'rolled',
        seed: ns => twiceRolledOut(ns, 'rolled'),
        send: ns =>
          request(server)
            .post(
              resourcePath('deployments', 'rolled', ns).replace(
                '?',
                '/rollback?',
              ),
            )
            .send({}),
        status: { ok: 200, denied: 403, outside: 404 },
        state: ns => deploymentGeneration(ns, 'rolled'),
      },
      {
        route: 'POST .../:name/reveal',
        action: 'secret-reveal',
        kind: 'Secret',
        name: 'db',
        seed: async (ns, marker) => {
          await core.createNamespacedSecret({
            namespace: ns,
            body: {
              metadata: { name: 'db' },
              stringData: { password: marker },
            },
          });
          await served(
            `/clusters/test-dev/resources/secrets/db?namespace=${ns}`,
          );
        },
        send: ns =>
          request(server)
            .post(resourcePath('secrets', 'db', ns).replace('?', '/reveal?'))
            .send({}),
        // Not allowed to read it: answered as missing.
        status: { ok: 200, denied: 404, outside: 404 },
        state: async () => undefined,
      },
    ];

    const cases: Array<
      [Who, (ns: string) => TestPolicy, keyof Change['status'] | 'service']
    > = [
      ['ALLOW', () => allowAll, 'ok'],
      ['DENY', () => denyAll, 'denied'],
      ['CONDITIONAL, in an allowed namespace', ns => teamPolicy([ns]), 'ok'],
      [
        'CONDITIONAL, outside the allowed namespaces',
        () => teamPolicy(['team-shop']),
        'outside',
      ],
      ['a service token', () => allowAll, 'service'],
    ];

    describe.each(cases)('under %s', (_who, policyFor, expected) => {
      let ns: { name: string; remove(): Promise<void> };

      beforeEach(async () => {
        ns = await createTestNamespace(dev, 'policy');
      });

      afterEach(async () => {
        await ns.remove();
      });

      it.each(changes)(
        '$route answers as the policy says, audited',
        async ({ action, kind, name, seed, send, status, state }) => {
          const marker = `marker-${suffix()}`;
          await seed?.(ns.name, marker);
          const before = await state(ns.name);
          policy = policyFor(ns.name);
          const started = await auditMark();
          const call = send(ns.name);
          const res = await (expected === 'service'
            ? call.set('Authorization', mockCredentials.service.header())
            : call);
          const wanted = expected === 'service' ? 403 : status[expected];
          expect(res.status).toBe(wanted);
          const rows = await auditSince(
            started,
            `namespace=${ns.name}&action=${action}`,
          );
          expect(rows).toEqual([
            expect.objectContaining({
              action,
              cluster: 'test-dev',
              namespace: ns.name,
              kind,
              name,
              outcome: wanted < 400 ? 'succeeded' : 'failed',
              status: wanted,
            }),
          ]);
          const refused = wanted >= 400;
          const after = await state(ns.name);
          // A reveal changes nothing: its state is undefined before and after.
          expect(after === before).toBe(refused || after === undefined);
          const leaked = [
            marker,
            Buffer.from(marker).toString('base64'),
          ].filter(text => res.text.includes(text));
          expect(refused ? leaked : []).toEqual([]);
          expect(personOnly.test(res.body.error?.message ?? '')).toBe(
            expected === 'service',
          );
        },
      );
    });

    it('CONDITIONAL: 404 for a change on a cluster outside the conditions, audited, nothing changed', async () => {
      const prodCore = testKubeConfig(prod).makeApiClient(CoreV1Api);
      const ns = await createTestNamespace(prod, 'policy');
      try {
        await prodCore.createNamespacedConfigMap({
          namespace: ns.name,
          body: { metadata: { name: 'patched' }, data: { color: 'blue' } },
        });
        await served(
          `/clusters/test-prod/resources/configmaps/patched?namespace=${ns.name}`,
        );
        const version = async () =>
          (
            await prodCore.readNamespacedConfigMap({
              name: 'patched',
              namespace: ns.name,
            })
          ).metadata?.resourceVersion;
        const before = await version();
        // The objects of the namespace are the person's, on any cluster
        // they may see; test-prod is not one of those.
        policy = teamPolicy([ns.name]);
        const started = await auditMark();
        const res = await request(server)
          .patch(
            `${api}/clusters/test-prod/resources/configmaps/patched?namespace=${ns.name}`,
          )
          .send({ patch: { data: { color: 'green' } } });
        expect(res.status).toBe(404);
        // Worded as for a missing object.
        expect(res.body.error.message).toBe(
          `ConfigMap ${ns.name}/patched not found on cluster 'test-prod'`,
        );
        expect(await version()).toBe(before);
        expect(
          await auditSince(
            started,
            `namespace=${ns.name}&action=resource-patch`,
          ),
        ).toEqual([
          expect.objectContaining({
            cluster: 'test-prod',
            kind: 'ConfigMap',
            outcome: 'failed',
            status: 404,
          }),
        ]);
      } finally {
        await ns.remove();
      }
    });
  });

  describe('changes to the cluster registry', () => {
    type Who = 'ALLOW' | 'DENY' | 'CONDITIONAL' | 'a service token';

    interface RegistryChange {
      route: string;
      /** The audit event; none for what only reads. */
      action?: string;
      /** Whether the audit row names the cluster. */
      namesCluster?: boolean;
      /** A registered cluster of that name exists before the change. */
      registered?: boolean;
      send: (name: string) => request.Test;
      ok: number;
      /** Whether the answer, when allowed, holds the cluster's token. */
      showsToken?: boolean;
      /** The cluster of that name after the change, when allowed. */
      afterwards: 'present' | 'renamed' | 'absent';
    }

    const register = (name: string) =>
      request(server)
        .post(`${api}/clusters`)
        .send({ kubeconfig: testClusterKubeconfig(dev), name });

    const changes: RegistryChange[] = [
      {
        route: 'POST /clusters',
        afterwards: 'present',
        action: 'cluster-register',
        namesCluster: true,
        send: register,
        ok: 201,
      },
      {
        route: 'POST /clusters/contexts',
        afterwards: 'absent',
        send: () =>
          request(server)
            .post(`${api}/clusters/contexts`)
            .send({ kubeconfig: testClusterKubeconfig(dev) }),
        ok: 200,
      },
      {
        route: 'PATCH /clusters/:cluster',
        afterwards: 'renamed',
        action: 'cluster-update',
        namesCluster: true,
        registered: true,
        send: name =>
          request(server)
            .patch(`${api}/clusters/${name}`)
            .send({ title: 'Renamed' }),
        ok: 200,
      },
      {
        route: 'DELETE /clusters/:cluster',
        afterwards: 'absent',
        action: 'cluster-delete',
        namesCluster: true,
        registered: true,
        send: name => request(server).delete(`${api}/clusters/${name}`),
        ok: 204,
      },
      {
        route: 'GET /clusters/export',
        afterwards: 'present',
        registered: true,
        send: () => request(server).get(`${api}/clusters/export`),
        ok: 200,
      },
      {
        route: 'GET /clusters/export?includeCredentials=true',
        afterwards: 'present',
        action: 'cluster-export',
        registered: true,
        send: () =>
          request(server).get(`${api}/clusters/export?includeCredentials=true`),
        ok: 200,
        showsToken: true,
      },
      {
        route: 'POST /clusters/import',
        afterwards: 'present',
        action: 'cluster-import',
        send: name =>
          request(server)
            .post(`${api}/clusters/import`)
            .send({
              clusters: [
                {
                  name,
                  title: 'Imported',
                  url: dev.server,
                  labels: {},
                  readOnly: false,
                  impersonate: false,
                  credentials: {
                    token: dev.adminToken,
                    caData: Buffer.from(dev.caPem).toString('base64'),
                  },
                },
              ],
            }),
        ok: 200,
      },
    ];

    const cases: Array<[Who, TestPolicy, boolean]> = [
      ['ALLOW', allowAll, true],
      ['DENY', denyAll, false],
      ['CONDITIONAL', teamPolicy(['team-shop']), false],
      ['a service token', allowAll, false],
    ];

    describe.each(cases)('under %s', (who, casePolicy, allowed) => {
      let name: string;

      beforeEach(() => {
        name = `policy-${suffix()}`;
      });

      afterEach(async () => {
        await asAdmin(() => request(server).delete(`${api}/clusters/${name}`));
      });

      it.each(changes)(
        '$route answers as the policy says, audited',
        async ({
          action,
          namesCluster,
          registered,
          send,
          ok,
          showsToken,
          afterwards,
        }) => {
          const seeded = registered
            ? (await asAdmin(() => register(name))).status
            : 201;
          expect(seeded).toBe(201);
          policy = casePolicy;
          const started = await auditMark();
          const call = send(name);
          const res = await (who === 'a service token'
            ? call.set('Authorization', mockCredentials.service.header())
            : call);
          const wanted = allowed ? ok : 403;
          expect(res.status).toBe(wanted);
          expect(res.text.includes(dev.adminToken)).toBe(
            allowed && Boolean(showsToken),
          );
          const rows = await auditSince(
            started,
            action ? `action=${action}` : '',
          );
          expect(
            rows.map(row => ({
              action: row.action,
              cluster: row.cluster ?? null,
              outcome: row.outcome,
              status: row.status,
            })),
          ).toEqual(
            (action ? [action] : []).map(a => ({
              action: a,
              cluster: namesCluster ? name : null,
              outcome: allowed ? 'succeeded' : 'failed',
              status: wanted,
            })),
          );
          // A refused change leaves the registry as it was.
          const before = registered ? 'present' : 'absent';
          const found = await asAdmin(() =>
            request(server).get(`${api}/clusters/${name}`),
          );
          const states: Record<number, string> = {
            200: found.body.title === 'Renamed' ? 'renamed' : 'present',
            404: 'absent',
          };
          const state = states[found.status] ?? `status ${found.status}`;
          expect(state).toBe(allowed ? afterwards : before);
        },
      );
    });
  });
});
