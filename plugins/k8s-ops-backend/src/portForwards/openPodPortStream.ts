import { ServiceUnavailableError } from '@backstage/errors';
import { Duplex } from 'node:stream';
import WebSocket from 'ws';
import { ClusterDefinition } from '../clusters/types';
import { Impersonation } from '../kube/KubeClient';
import { kubeConfigOf } from '../kube/KubeClientFactory';
import { toBackstageError, unreachable } from '../kube/kubeErrors';

/** The port-forward subprotocol: channel 0 carries data, channel 1 errors. */
const PROTOCOL = 'v4.channel.k8s.io';
const DATA = 0;
const ERROR = 1;

/** What {@link openPodPortStream} connects to. */
export interface PodPort {
  cluster: ClusterDefinition;
  namespace: string;
  pod: string;
  port: number;
  impersonation?: Impersonation;
  /** How long the API server may take to accept the stream; 10 s by default. */
  timeoutMs?: number;
}

/** The bytes of one forwarded connection over a port-forward WebSocket. */
class PodPortStream extends Duplex {
  /** Bytes of the port number still to drop at the start of each channel. */
  private readonly prefix = [2, 2];

  constructor(
    private readonly socket: WebSocket,
    private readonly target: PodPort,
  ) {
    super({ allowHalfOpen: false });
    socket.on('message', (message: Buffer) => this.onMessage(message));
    socket.on('close', () => this.push(null));
    socket.on('error', error =>
      this.destroy(unreachable(target.cluster.name, error)),
    );
  }

  override _read() {
    this.socket.resume();
  }

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ) {
    if (this.socket.readyState !== WebSocket.OPEN) {
      callback(new ServiceUnavailableError('The port-forward stream closed'));
      return;
    }
    this.socket.send(Buffer.concat([Buffer.of(DATA), chunk]), callback);
  }

  override _destroy(
    error: Error | null,
    callback: (error?: Error | null) => void,
  ) {
    if (this.socket.readyState === WebSocket.OPEN) {
      this.socket.close();
    } else if (this.socket.readyState === WebSocket.CONNECTING) {
      this.socket.terminate();
    }
    callback(error);
  }

  private onMessage(message: Buffer) {
    const channel = message[0];
    let data = message.subarray(1);
    if (channel === DATA || channel === ERROR) {
      const skip = Math.min(this.prefix[channel], data.length);
      this.prefix[channel] -= skip;
      data = data.subarray(skip);
    }
    if (data.length === 0) {
      return;
    }
    if (channel === ERROR) {
      const { pod, port, namespace } = this.target;
      this.destroy(
        new ServiceUnavailableError(
          `Port ${port} of pod ${namespace}/${pod} refused the connection: ${data.toString(
            'utf8',
          )}`,
        ),
      );
    } else if (channel === DATA && !this.push(data)) {
      this.socket.pause();
    }
  }
}

/**
 * Opens one TCP connection to a pod's port through the API server's
 * `portforward` subresource over WebSocket, as a byte stream. Each channel
 * starts with the port number (two bytes), which is dropped. An answer of
 * the API server other than the upgrade (pod missing, forbidden) fails with
 * the matching Backstage error; a message on the error channel (nothing
 * listens on the port) destroys the stream with it.
 */
export async function openPodPortStream(target: PodPort): Promise<Duplex> {
  const kc = kubeConfigOf(target.cluster);
  const server = kc.getCurrentCluster()?.server ?? target.cluster.url;
  const tls: {
    headers?: Record<string, string>;
    ca?: Buffer;
    cert?: Buffer;
    key?: Buffer;
    rejectUnauthorized?: boolean;
  } = {};
  await kc.applyToHTTPSOptions(tls as never);
  const headers: Record<string, string | string[]> = { ...tls.headers };
  if (target.impersonation) {
    headers['Impersonate-User'] = target.impersonation.user;
    if (target.impersonation.groups.length) {
      headers['Impersonate-Group'] = target.impersonation.groups;
    }
  }
  const url = new URL(
    `/api/v1/namespaces/${encodeURIComponent(
      target.namespace,
    )}/pods/${encodeURIComponent(target.pod)}/portforward?ports=${target.port}`,
    server.replace(/^http/, 'ws'),
  );
  const socket = new WebSocket(url, [PROTOCOL], {
    ca: tls.ca,
    cert: tls.cert,
    key: tls.key,
    rejectUnauthorized: tls.rejectUnauthorized ?? true,
    headers: headers as Record<string, string>,
    handshakeTimeout: target.timeoutMs ?? 10_000,
    perMessageDeflate: false,
  });
  await new Promise<void>((resolveOpen, reject) => {
    socket.once('open', () => resolveOpen());
    socket.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', chunk => chunks.push(chunk));
      res.on('end', () => {
        let status;
        try {
          status = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          status = undefined;
        }
        reject(
          toBackstageError(target.cluster.name, res.statusCode ?? 502, status),
        );
      });
      res.on('error', reject);
    });
    socket.once('error', error =>
      reject(unreachable(target.cluster.name, error)),
    );
  });
  return new PodPortStream(socket, target);
}
