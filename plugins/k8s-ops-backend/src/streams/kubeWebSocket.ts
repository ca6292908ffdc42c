import { IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { Impersonation, KubeClient, parseStatus } from '../kube/KubeClient';
import { toBackstageError, unreachable } from '../kube/kubeErrors';
import { readBody } from '../kube/watchStream';

/** The channel protocols of exec, attach and port-forward, newest first. */
export const CHANNEL_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

/**
 * Opens a WebSocket to a subresource of a cluster (exec, attach,
 * port-forward) with the cluster's credentials, offering the channel
 * protocols. Answers once it is open; a refusal is the mapped error of the
 * cluster's answer, a failure to connect names the cluster.
 */
export async function openKubeWebSocket(
  client: KubeClient,
  path: string,
  options: {
    query: URLSearchParams;
    impersonate?: Impersonation;
    protocols?: string[];
    timeoutMs?: number;
  },
): Promise<WebSocket> {
  const { url, agent, headers } = await client.connection(path, {
    impersonate: options.impersonate,
  });
  url.search = options.query.toString();
  url.protocol = url.protocol === 'http:' ? 'ws:' : 'wss:';
  const socket = new WebSocket(url, options.protocols ?? CHANNEL_PROTOCOLS, {
    agent,
    headers,
    handshakeTimeout: options.timeoutMs ?? 10_000,
    // Keystrokes must not wait for more bytes to fill a packet.
    perMessageDeflate: false,
  });
  return new Promise((resolveOpen, reject) => {
    socket.once('open', () => {
      socket.removeAllListeners('error');
      socket.removeAllListeners('unexpected-response');
      // A socket that is only written to still needs an error listener.
      socket.on('error', () => undefined);
      resolveOpen(socket);
    });
    socket.once('unexpected-response', (_req, res: IncomingMessage) => {
      readBody(res).then(
        text =>
          reject(
            toBackstageError(
              client.cluster,
              res.statusCode ?? 0,
              parseStatus(text),
            ),
          ),
        error => reject(unreachable(client.cluster, error)),
      );
    });
    socket.once('error', error => reject(unreachable(client.cluster, error)));
  });
}
