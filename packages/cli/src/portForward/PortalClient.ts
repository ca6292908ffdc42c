import WebSocket from 'ws';
import { ForwardTarget } from './parseArguments';

/** A session as the portal answers it (the fields this tool reads). */
export interface PortalSession {
  id: string;
  pod: string;
  state: string;
  error?: string;
  ports: Array<{ port: number; podPort: number }>;
  proxyPath: string;
}

/**
 * Talks to the k8s-ops backend of a Backstage portal with a Backstage
 * token: starts and stops sessions, and opens tunnels.
 */
export class PortalClient {
  private readonly base: URL;

  constructor(url: string, private readonly token: string) {
    // The plugin's base, whether given the portal or the backend's API.
    const trimmed = url.replace(/\/+$/, '');
    this.base = new URL(
      trimmed.endsWith('/api/k8s-ops')
        ? `${trimmed}/`
        : `${trimmed}/api/k8s-ops/`,
    );
  }

  async start(target: ForwardTarget, ports: number[]): Promise<PortalSession> {
    return this.call('POST', 'port-forwards', {
      cluster: target.cluster,
      namespace: target.namespace,
      target: { kind: target.kind, name: target.name },
      ports,
    });
  }

  async get(id: string): Promise<PortalSession> {
    return this.call('GET', `port-forwards/${id}`);
  }

  async stop(id: string): Promise<PortalSession> {
    return this.call('DELETE', `port-forwards/${id}`);
  }

  /** A WebSocket that carries one TCP connection to a forwarded port. */
  tunnel(id: string, port: number): WebSocket {
    const url = new URL('port-forwards/tunnel', this.base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('id', id);
    url.searchParams.set('port', String(port));
    return new WebSocket(url, {
      headers: { authorization: `Bearer ${this.token}` },
      perMessageDeflate: false,
    });
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const res = await fetch(new URL(path, this.base), {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) {
      throw new Error(`${method} ${path}: ${res.status} ${messageOf(text)}`);
    }
    return JSON.parse(text) as T;
  }
}

/** The message of a Backstage error answer, or the answer itself. */
export function messageOf(text: string): string {
  try {
    const parsed = JSON.parse(text);
    return parsed?.error?.message ?? text;
  } catch {
    return text.slice(0, 500);
  }
}
