import { Agent, request, RequestOptions } from 'node:https';
import { request as httpRequest } from 'node:http';
import { IncomingMessage } from 'node:http';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  KubeStatus,
  kubeStatusCode,
  toBackstageError,
  unreachable,
} from './kubeErrors';
import {
  HandlerError,
  readBody,
  readEvents,
  SilenceTimer,
  WatchEvent,
} from './watchStream';

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
  /**
   * Limit of the whole answer; the client's `requestTimeoutMs` or
   * `mutationTimeoutMs` unless given.
   */
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

/** Timeouts of a {@link KubeClient}; each has a default. */
export interface KubeClientOptions {
  /** Whole-answer limit of a read (GET); 10 s by default. */
  requestTimeoutMs?: number;
  /**
   * Whole-answer limit of a write (every method but GET); 10 s by default,
   * so that a change to a sick cluster fails instead of hanging.
   */
  mutationTimeoutMs?: number;
  /**
   * A watch that brings nothing (no event, bookmark or byte) for this long
   * makes the client ask the cluster whether it still answers; 10 s by
   * default.
   */
  watchInactivityMs?: number;
  /** Limit of that question (`GET /version`); 3 s by default. */
  probeTimeoutMs?: number;
}

const DEFAULTS: Required<KubeClientOptions> = {
  requestTimeoutMs: 10_000,
  mutationTimeoutMs: 10_000,
  watchInactivityMs: 10_000,
  probeTimeoutMs: 3_000,
};

/** Options of one watch. */
export interface KubeWatchOptions {
  query: Record<string, string | number | boolean | undefined>;
  onEvent: (event: WatchEvent) => void;
  /**
   * Called when the cluster shows that the watch is current although no
   * event came: it accepted the watch, or answered while the watch was quiet.
   */
  onAlive?: () => void;
  signal: AbortSignal;
}

/**
 * A thin client for any path of one cluster's API: JSON in and out, errors
 * mapped to Backstage errors with Kubernetes' own message, watches streamed
 * line by line. Every request has a deadline, and a watch that falls silent
 * on a cluster that no longer answers fails, so that nothing waits on a sick
 * cluster for long.
 */
export class KubeClient {
  private readonly options: Required<KubeClientOptions>;
  private probing: Promise<boolean> | undefined;

  constructor(
    readonly cluster: string,
    private readonly transport: KubeTransport,
    options: KubeClientOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...withoutUndefined(options) };
  }

  /** Closes the client's kept-alive connections. */
  close() {
    this.transport.close();
  }

  async request<T>(path: string, options: KubeRequestOptions = {}): Promise<T> {
    const text = await this.requestText(path, options);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The raw answer, for text such as logs. */
  async requestText(
    path: string,
    options: KubeRequestOptions = {},
  ): Promise<string> {
    const timeoutMs =
      options.timeoutMs ??
      ((options.method ?? 'GET') === 'GET'
        ? this.options.requestTimeoutMs
        : this.options.mutationTimeoutMs);
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new Error(`no answer within ${seconds(timeoutMs)}`)),
      timeoutMs,
    );
    const signal = options.signal
      ? AbortSignal.any([options.signal, deadline.signal])
      : deadline.signal;
    let status: number;
    let text: string;
    try {
      const res = await this.send(path, { ...options, signal });
      status = res.statusCode ?? 0;
      text = await readBody(res);
    } catch (error) {
      throw deadline.signal.aborted && !options.signal?.aborted
        ? unreachable(this.cluster, deadline.signal.reason)
        : asUnreachable(this.cluster, error);
    } finally {
      clearTimeout(timer);
    }
    if (status >= 400) {
      throw toBackstageError(this.cluster, status, parseStatus(text));
    }
    return text;
  }

  /**
   * Opens a watch and calls `onEvent` for each event until the server ends
   * it, the signal aborts, or an error occurs (rejected with it; an error
   * thrown by `onEvent` is rejected unchanged).
   *
   * A quiet kind can go a minute without an event or bookmark, so silence
   * alone does not prove the cluster gone, and a short server
   * `timeoutSeconds` would reopen every watch every few seconds. Instead,
   * after `watchInactivityMs` of silence the client asks the cluster for
   * `/version` (one question shared by every quiet watch of the cluster):
   * an answer keeps the watch, no answer within `probeTimeoutMs` ends it as
   * unreachable. A frozen cluster is thus noticed within about 13 s, for
   * one cheap request per quiet cluster every 10 s.
   */
  async watch(path: string, options: KubeWatchOptions): Promise<void> {
    const silenced = new AbortController();
    const signal = AbortSignal.any([options.signal, silenced.signal]);
    const inactivityMs = this.options.watchInactivityMs;
    const silence: SilenceTimer = new SilenceTimer(inactivityMs, async () => {
      const silentSince = silence.heardAt;
      const answered = await this.answers();
      // Something came meanwhile, or the watch is over.
      if (
        silence.stopped ||
        signal.aborted ||
        silence.heardAt !== silentSince
      ) {
        return;
      }
      if (answered) {
        options.onAlive?.();
        silence.heard();
        return;
      }
      silenced.abort(
        unreachable(
          this.cluster,
          new Error(
            `its watch brought nothing for ${seconds(
              inactivityMs,
            )} and it did not answer within ${seconds(
              this.options.probeTimeoutMs,
            )}`,
          ),
        ),
      );
    });
    const heard = () => silence.heard();
    heard();
    try {
      const res = await this.send(path, {
        query: { ...options.query, watch: true },
        signal,
      });
      heard();
      if ((res.statusCode ?? 0) >= 400) {
        const text = await readBody(res);
        throw toBackstageError(
          this.cluster,
          res.statusCode!,
          parseStatus(text),
        );
      }
      options.onAlive?.();
      await readEvents(res, options.onEvent, heard);
    } catch (error) {
      if (options.signal.aborted) {
        return;
      }
      if (error instanceof HandlerError) {
        // The caller's own error (such as 410 Gone in an ERROR event) goes
        // back to it as it was thrown.
        throw error.cause;
      }
      throw silenced.signal.aborted
        ? silenced.signal.reason
        : asUnreachable(this.cluster, error);
    } finally {
      silence.stop();
    }
    if (silenced.signal.aborted && !options.signal.aborted) {
      throw silenced.signal.reason;
    }
  }

  /**
   * Opens a GET whose answer streams (logs that follow) and answers the
   * response once its status is known (within the read timeout). An error
   * status is read and thrown as a mapped error; the stream ends when the
   * signal aborts.
   */
  async stream(
    path: string,
    options: Pick<KubeRequestOptions, 'query' | 'impersonate' | 'accept'> & {
      signal: AbortSignal;
    },
  ): Promise<IncomingMessage> {
    // The answer may stream for hours, but its head must come in time.
    const deadline = new AbortController();
    const timeoutMs = this.options.requestTimeoutMs;
    const timer = setTimeout(
      () => deadline.abort(new Error(`no answer within ${seconds(timeoutMs)}`)),
      timeoutMs,
    );
    let res: IncomingMessage;
    try {
      res = await this.send(path, {
        ...options,
        signal: AbortSignal.any([options.signal, deadline.signal]),
      });
    } catch (error) {
      throw deadline.signal.aborted && !options.signal.aborted
        ? unreachable(this.cluster, deadline.signal.reason)
        : asUnreachable(this.cluster, error);
    } finally {
      clearTimeout(timer);
    }
    const status = res.statusCode ?? 0;
    if (status >= 400) {
      throw toBackstageError(
        this.cluster,
        status,
        parseStatus(await readBody(res)),
      );
    }
    return res;
  }

  /**
   * The URL, agent and headers of a connection that is not a plain request,
   * such as the WebSocket of an exec or port-forward; the caller adds the
   * query.
   */
  async connection(
    path: string,
    options: { impersonate?: Impersonation } = {},
  ): Promise<{
    url: URL;
    agent?: Agent;
    headers: Record<string, string | string[]>;
  }> {
    const prepared = await this.transport.prepare();
    return {
      url: new URL(path, this.transport.server),
      agent: prepared.agent,
      headers: withImpersonation(prepared.headers, options.impersonate),
    };
  }

  /** Whether the cluster answers at all (any HTTP status), shared while asked. */
  private answers(): Promise<boolean> {
    this.probing ??= this.request('/version', {
      timeoutMs: this.options.probeTimeoutMs,
    })
      .then(
        () => true,
        error => kubeStatusCode(error) !== undefined,
      )
      .finally(() => {
        this.probing = undefined;
      });
    return this.probing;
  }

  private async send(
    path: string,
    options: KubeRequestOptions & { signal: AbortSignal },
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
    Object.assign(headers, withImpersonation({}, options.impersonate));
    const requestOptions: RequestOptions = {
      method: options.method ?? 'GET',
      headers,
      agent: prepared.agent,
      signal: options.signal,
    };
    const send = url.protocol === 'http:' ? httpRequest : request;
    return new Promise((resolveSend, reject) => {
      const req = send(url, requestOptions, resolveSend);
      req.on('error', reject);
      req.end(payload);
    });
  }
}

/** A network failure as `unreachable`; an error already mapped unchanged. */
function asUnreachable(cluster: string, error: unknown): Error {
  return kubeStatusCode(error) !== undefined ||
    error instanceof ServiceUnavailableError
    ? (error as Error)
    : unreachable(cluster, error);
}

/** Headers with those that make the cluster act as the person, if any. */
function withImpersonation(
  headers: Record<string, string>,
  impersonate: Impersonation | undefined,
): Record<string, string | string[]> {
  if (!impersonate) {
    return headers;
  }
  return {
    ...headers,
    'Impersonate-User': impersonate.user,
    ...(impersonate.groups.length
      ? { 'Impersonate-Group': impersonate.groups }
      : {}),
  };
}

function seconds(ms: number) {
  return `${Math.round(ms / 100) / 10} s`;
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/** The `Status` of an error answer, or its text as the message. */
export function parseStatus(text: string): KubeStatus | undefined {
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return text ? { message: text.slice(0, 500) } : undefined;
  }
}
