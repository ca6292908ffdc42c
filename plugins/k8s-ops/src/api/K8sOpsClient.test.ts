/**
 * @jest-environment node
 */
import { ResourceChange } from '@k8s-ops/plugin-k8s-ops-common';
import { backendMessage, statusOf } from '../lib/backendMessage';
import { K8sOpsClient } from './K8sOpsClient';

const baseUrl = 'http://localhost:7007/api/k8s-ops';

/** A fetch that records each request and answers with `answer`. */
function client(answer: (url: string, init: RequestInit) => Response) {
  const requests: Array<{ url: string; method: string; body?: unknown }> = [];
  const fetch = jest.fn(async (url: string, init: RequestInit = {}) => {
    requests.push({
      url,
      method: init.method ?? 'GET',
      ...(typeof init.body === 'string' ? { body: JSON.parse(init.body) } : {}),
    });
    return answer(url, init);
  });
  const api = new K8sOpsClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: fetch as typeof globalThis.fetch },
  });
  return { api, requests, fetch };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

/** A server-sent event stream that sends `chunks` one by one, then ends. */
function eventStream(chunks: string[]) {
  const encoder = new TextEncoder();
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) {
          controller.enqueue(encoder.encode(chunk));
        }
        controller.close();
      },
    }),
    { headers: { 'Content-Type': 'text/event-stream' } },
  );
}

const secret = {
  cluster: 'dev',
  resource: 'secrets',
  namespace: 'shop',
  name: 'db',
};

describe('K8sOpsClient requests', () => {
  it.each([
    [
      'deleteResource',
      (api: K8sOpsClient) =>
        api.deleteResource(secret, { propagationPolicy: 'Foreground' }),
      {
        method: 'DELETE',
        url: `${baseUrl}/clusters/dev/resources/secrets/db?namespace=shop&propagationPolicy=Foreground`,
      },
      { deleted: true },
    ],
    [
      'scaleResource',
      (api: K8sOpsClient) =>
        api.scaleResource({ ...secret, resource: 'deployments' }, 3),
      {
        method: 'POST',
        url: `${baseUrl}/clusters/dev/resources/deployments/db/scale?namespace=shop`,
        body: { replicas: 3 },
      },
      { replicas: 3 },
    ],
    [
      'restartResource',
      (api: K8sOpsClient) =>
        api.restartResource({ ...secret, resource: 'deployments' }),
      {
        method: 'POST',
        url: `${baseUrl}/clusters/dev/resources/deployments/db/restart?namespace=shop`,
        body: {},
      },
      { restarted: true },
    ],
    [
      'rollbackResource',
      (api: K8sOpsClient) =>
        api.rollbackResource({ ...secret, resource: 'deployments' }, 2),
      {
        method: 'POST',
        url: `${baseUrl}/clusters/dev/resources/deployments/db/rollback?namespace=shop`,
        body: { revision: 2 },
      },
      { revision: 2 },
    ],
    [
      'revealSecret',
      (api: K8sOpsClient) => api.revealSecret(secret),
      {
        method: 'POST',
        url: `${baseUrl}/clusters/dev/resources/secrets/db/reveal?namespace=shop`,
        body: {},
      },
      { kind: 'Secret', metadata: { name: 'db' }, data: { password: 'cw==' } },
    ],
    [
      'getDiscovery',
      (api: K8sOpsClient) => api.getDiscovery('dev'),
      { method: 'GET', url: `${baseUrl}/clusters/dev/discovery` },
      { cluster: 'dev', kinds: [], families: [] },
    ],
    [
      'getCache',
      (api: K8sOpsClient) => api.getCache(),
      { method: 'GET', url: `${baseUrl}/cache` },
      { items: [] },
    ],
    [
      'getWorkloads',
      (api: K8sOpsClient) =>
        api.getWorkloads({ labelSelector: 'app=web', namespace: 'shop' }),
      {
        method: 'GET',
        url: `${baseUrl}/workloads?labelSelector=app%3Dweb&namespace=shop`,
      },
      { labelSelector: 'app=web', clusters: [] },
    ],
    [
      'search',
      (api: K8sOpsClient) => api.search({ q: 'web kind:deploy', limit: 20 }),
      { method: 'GET', url: `${baseUrl}/search?q=web+kind%3Adeploy&limit=20` },
      { items: [], total: 0, tookMs: 1 },
    ],
    [
      'getRelations',
      (api: K8sOpsClient) =>
        api.getRelations({ ...secret, resource: 'deployments' }, { depth: 3 }),
      {
        method: 'GET',
        url: `${baseUrl}/clusters/dev/resources/deployments/db/relations?namespace=shop&depth=3`,
      },
      { root: 'x', nodes: [], edges: [] },
    ],
  ])(
    '%s sends its route and answers the body',
    async (_m, call, sent, body) => {
      const { api, requests } = client(() => json(body));
      await expect(call(api)).resolves.toEqual(body);
      expect(requests).toEqual([sent]);
    },
  );

  it('throws the backend message when the reveal is refused', async () => {
    const { api } = client(() =>
      json(
        {
          error: {
            name: 'NotAllowedError',
            message: "You may not reveal secrets/db in 'shop' on cluster 'dev'",
          },
          response: { statusCode: 403 },
        },
        403,
      ),
    );
    const error = await api.revealSecret(secret).catch(e => e);
    expect(statusOf(error)).toBe(403);
    expect(backendMessage(error)).toBe(
      "You may not reveal secrets/db in 'shop' on cluster 'dev'",
    );
  });
});

describe('K8sOpsClient.watchChanges', () => {
  const change = (name: string): ResourceChange => ({
    type: 'MODIFIED',
    cluster: 'dev',
    resource: 'pods',
    object: { metadata: { name, namespace: 'shop' } },
  });

  it('reads changes however the stream is cut, and opens at the connected comment', async () => {
    const a = JSON.stringify(change('a'));
    const b = JSON.stringify(change('b'));
    const events: string[] = [];
    const { api, requests } = client(() =>
      eventStream([
        ': conn',
        'ected\n\n',
        `event: change\ndata: ${a.slice(0, 20)}`,
        `${a.slice(20)}\n\n: heartbeat\n\n`,
        // Another event type, and CRLF line ends, as proxies may rewrite.
        `event: other\ndata: {}\r\n\r\nevent: change\r\ndata: ${b}\r\n\r\n`,
      ]),
    );
    const done = new Promise<void>(resolve => {
      const stop = api.watchChanges(
        {
          resources: ['pods', 'deployments.apps'],
          clusters: ['dev'],
          namespace: 'shop',
        },
        c => {
          events.push(`change ${c.object.metadata.name}`);
          if (c.object.metadata.name === 'b') {
            stop();
            resolve();
          }
        },
        { onOpen: () => events.push('open') },
      );
    });
    await done;
    expect(events).toEqual(['open', 'change a', 'change b']);
    expect(requests[0].url).toBe(
      `${baseUrl}/changes?resources=pods%2Cdeployments.apps&clusters=dev&namespace=shop`,
    );
  });

  it('ends with the backend message when the stream is refused, and does not retry', async () => {
    jest.useFakeTimers();
    try {
      const { api, fetch } = client(() =>
        json(
          {
            error: {
              name: 'InputError',
              message: 'Invalid request: resources: name at least one',
            },
            response: { statusCode: 400 },
          },
          400,
        ),
      );
      const error = await new Promise<Error>(resolve =>
        api.watchChanges({ resources: ['pods'] }, () => {}, {
          onError: resolve,
        }),
      );
      expect(backendMessage(error)).toBe(
        'Invalid request: resources: name at least one',
      );
      await jest.advanceTimersByTimeAsync(60_000);
      expect(fetch).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
