import { get, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * Opens the change stream (`GET /changes`) of a test backend; answers the
 * changes received so far, growing as they arrive, once it is connected.
 */
export async function openChanges(server: Server, query: string) {
  const received: Array<{ data: any }> = [];
  const { port } = server.address() as AddressInfo;
  let connected: () => void = () => {};
  let failed: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolveReady, reject) => {
    connected = resolveReady;
    failed = reject;
  });
  const stream = get(
    `http://127.0.0.1:${port}/api/k8s-ops/changes?${query}`,
    res => {
      if (res.headers['content-type'] !== 'text/event-stream') {
        failed(
          new Error(
            `The change stream answered ${res.statusCode} ${res.headers['content-type']}`,
          ),
        );
        return;
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
            connected();
          }
          const data = frame.split('\n').find(l => l.startsWith('data: '));
          if (data) {
            received.push({ data: JSON.parse(data.slice(6)) });
          }
          end = buffer.indexOf('\n\n');
        }
      });
    },
  );
  stream.on('error', error => failed(error));
  await ready;
  return { received, close: () => stream.destroy() };
}
