/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import { K8sOpsClient } from './K8sOpsClient';

const baseUrl = 'http://localhost:7007/api/k8s-ops';

function client(answer: () => Response) {
  const urls: string[] = [];
  const api = new K8sOpsClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: {
      fetch: (async (url: string) => {
        urls.push(url);
        return answer();
      }) as typeof globalThis.fetch,
    },
  });
  return { api, urls };
}

/** A text answer sent in pieces, then ended. */
function chunked(pieces: string[]) {
  const encoder = new TextEncoder();
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        pieces.forEach(p => controller.enqueue(encoder.encode(p)));
        controller.close();
      },
    }),
    { headers: { 'Content-Type': 'text/plain' } },
  );
}

describe('K8sOpsClient logs', () => {
  it.each([
    [
      { cluster: 'dev', namespace: 'shop', resource: 'pods', name: 'web-1' },
      { container: 'main', previous: false, tailLines: 100 },
      `${baseUrl}/clusters/dev/pods/web-1/logs?namespace=shop&container=main&tailLines=100`,
    ],
    [
      {
        cluster: 'dev',
        namespace: 'shop',
        resource: 'deployments',
        name: 'web',
      },
      { timestamps: true },
      `${baseUrl}/clusters/dev/workloads/deployments/web/logs?namespace=shop&timestamps=true`,
    ],
  ])('reads %j with %j from its route', async (target, options, url) => {
    const { api, urls } = client(() => new Response('a line\n'));
    expect(await api.getLogs(target, options)).toBe('a line\n');
    expect(urls).toEqual([url]);
  });

  it('follows: every piece as it comes, then the end', async () => {
    const { api, urls } = client(() => chunked(['one\n', 'two\n']));
    const pieces: string[] = [];
    await new Promise<void>(resolve =>
      api.followLogs(
        { cluster: 'dev', namespace: 'shop', resource: 'pods', name: 'web-1' },
        {},
        piece => pieces.push(piece),
        { onEnd: resolve },
      ),
    );
    expect(pieces.join('')).toBe('one\ntwo\n');
    expect(urls[0]).toContain('follow=true');
  });

  it("ends with the backend's error when refused", async () => {
    const { api } = client(
      () =>
        new Response(
          JSON.stringify({
            error: { name: 'NotAllowedError', message: 'You may not read' },
            request: { method: 'GET', url: '/api/k8s-ops/clusters' },
            response: { statusCode: 403 },
          }),
          { status: 403, headers: { 'Content-Type': 'application/json' } },
        ),
    );
    const error = await new Promise<Error>(resolve =>
      api.followLogs(
        { cluster: 'dev', namespace: 'shop', resource: 'pods', name: 'web-1' },
        {},
        () => {},
        { onError: resolve },
      ),
    );
    expect(ResponseError.is(error) && error.cause.message).toBe(
      'You may not read',
    );
  });
});
