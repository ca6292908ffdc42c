import { ResourceChange } from '@k8s-ops/plugin-k8s-ops-common';
import { get, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * Opens `GET /api/k8s-ops/changes` on a test backend and collects the
 * changes it streams. Resolves once the stream says it is connected, with
 * the HTTP status, what it received so far, and a function that closes it.
 */
export async function openChanges(
  server: Server,
  query: string,
  options: { authorization?: string } = {},
) {
  const received: ResourceChange[] = [];
  const { port } = server.address() as AddressInfo;
  let connected: (status: number) => void = () => {};
  const ready = new Promise<number>(r => (connected = r));
  const stream = get(
    `http://127.0.0.1:${port}/api/k8s-ops/changes?${query}`,
    {
      headers: options.authorization
        ? { authorization: options.authorization }
        : {},
    },
    res => {
      if (res.statusCode !== 200) {
        // A refusal has no stream: nothing says it is connected.
        connected(res.statusCode ?? 0);
      }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith(': connected')) {
            connected(res.statusCode ?? 0);
          }
          const data = frame.split('\n').find(l => l.startsWith('data: '));
          if (data) {
            received.push(JSON.parse(data.slice(6)));
          }
          end = buffer.indexOf('\n\n');
        }
      });
    },
  );
  // A stream closed by the test ends with a socket error; nothing to report.
  stream.on('error', () => undefined);
  const status = await ready;
  return { status, received, close: () => stream.destroy() };
}
