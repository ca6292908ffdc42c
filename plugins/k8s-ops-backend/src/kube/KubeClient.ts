import { Agent, request, RequestOptions } from 'node:https';
import { request as httpRequest } from 'node:http';
import { IncomingMessage } from 'node:http';
import { KubeStatus, toBackstageError, unreachable } from './kubeErrors';

/** Who a request acts for, on clusters that impersonate the signed-in person. */
export interface Impersonation {
  user: string;
  groups: string[];
}

/** Options of one request. */
export interface KubeRequestOptions {
  method?: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  accept?: string;
  impersonate?: Impersonation;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** How to reach one cluster: its URL, TLS settings and auth headers. */
export interface KubeTransport {
  server: string;
  /**
   * The agent (TLS settings, kept-alive connections) and authorization
   * headers of the next request.
   */
  prepare(): Promise<{ agent?: Agent; headers: Record<string, string> }>;
  /** Closes the kept-alive connections. */
  close(): void;
}

/**
 * A thin client for any path of one cluster's API: JSON in and out, errors
 * mapped to Backstage errors with Kubernetes' own message, watches streamed
 * line by line.
 */
export class KubeClient {
  constructor(
    readonly cluster: string,
    private readonly transport: KubeTransport,
  ) {}

  /** Closes the client's kept-alive connections. */
  close() {
    this.transport.close();
  }

  async request<T>(path: string, options: KubeRequestOptions = {}): Promise<T> {
    const res = await this.send(path, options);
    const text = await readBody(res);
    const status = res.statusCode ?? 0;
    if (status >= 400) {
      throw toBackstageError(this.cluster, status, parseStatus(text));
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The raw answer, for text such as logs. */
  async requestText(
    path: string,
    options: KubeRequestOptions = {},
  ): Promise<string> {
    const res = await this.send(path, options);
    const text = await readBody(res);
    if ((res.statusCode ?? 0) >= 400) {
      throw toBackstageError(this.cluster, res.statusCode!, parseStatus(text));
    }
    return text;
  }

  /**
   * Opens a watch and calls `onEvent` for each event until the server ends
   * it, the signal aborts, or an error occurs (rejected with it).
   */
  async watch(
    path: string,
    query: Record<string, string | number | boolean | undefined>,
    onEvent: (event: { type: string; object: any }) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const res = await this.send(path, {
      query: { ...query, watch: true },
      signal,
      timeoutMs: 0,
    });
    if ((res.statusCode ?? 0) >= 400) {
      const text = await readBody(res);
      throw toBackstageError(this.cluster, res.statusCode!, parseStatus(text));
    }
    await new Promise<void>((resolveWatch, reject) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let newline = buffer.indexOf('\n');
        while (newline >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          if (line.trim()) {
            try {
              onEvent(JSON.parse(line));
            } catch (error) {
              res.destroy(error as Error);
              return;
            }
          }
          newline = buffer.indexOf('\n');
        }
      });
      res.on('end', () => resolveWatch());
      res.on('close', () => resolveWatch());
      res.on('error', error =>
        signal.aborted
          ? resolveWatch()
          : reject(unreachable(this.cluster, error)),
      );
    });
  }

  private async send(
    path: string,
    options: KubeRequestOptions,
  ): Promise<IncomingMessage> {
    const url = new URL(path, this.transport.server);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && value !== '') {
        url.searchParams.set(key, String(value));
      }
    }
    let payload: string | undefined;
    if (typeof options.body === 'string') {
      payload = options.body;
    } else if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
    }
    const prepared = await this.transport.prepare();
    const headers: Record<string, string | string[]> = {
      Accept: options.accept ?? 'application/json',
      ...prepared.headers,
    };
    if (payload !== undefined) {
      headers['Content-Type'] = options.contentType ?? 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    if (options.impersonate) {
      headers['Impersonate-User'] = options.impersonate.user;
      if (options.impersonate.groups.length) {
        headers['Impersonate-Group'] = options.impersonate.groups;
      }
    }
    const requestOptions: RequestOptions = {
      method: options.method ?? 'GET',
      headers,
      agent: prepared.agent,
      signal: options.signal,
      timeout: options.timeoutMs ?? 30_000,
    };
    const send = url.protocol === 'http:' ? httpRequest : request;
    return new Promise((resolveSend, reject) => {
      const req = send(url, requestOptions, resolveSend);
      req.on('timeout', () =>
        req.destroy(
          Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }),
        ),
      );
      req.on('error', error => reject(unreachable(this.cluster, error)));
      req.end(payload);
    });
  }
}

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', chunk => (text += chunk));
    res.on('end', () => resolveBody(text));
    res.on('error', reject);
  });
}

function parseStatus(text: string): KubeStatus | undefined {
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return text ? { message: text.slice(0, 500) } : undefined;
  }
}
