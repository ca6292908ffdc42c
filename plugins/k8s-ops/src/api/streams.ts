import {
  DiscoveryApi,
  FetchApi,
  IdentityApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ChangesQuery,
  ResourceChange,
  TERMINAL_PROTOCOL,
  TerminalOutput,
} from '@k8s-ops/plugin-k8s-ops-common';
import { createParser, ParserCallbacks } from 'eventsource-parser';
import { searchOf } from './backendRequests';
import {
  LogReadOptions,
  LogTarget,
  TerminalConnection,
  TerminalTarget,
} from './K8sOpsApi';

/** What the streams of the backend are opened with. */
export interface StreamDeps {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
  /** Signs the terminal socket in; without it, terminals are refused. */
  identityApi?: IdentityApi;
}

/** Larger than any object the stream sends; a longer event is a broken stream. */
const MAX_EVENT_BYTES = 16 * 1024 * 1024;

/**
 * Reads a server-sent event stream to its end, each event and comment to
 * `callbacks`; a refusal is the backend's error.
 */
export async function readEventStream(
  response: Response,
  callbacks: Omit<ParserCallbacks, 'onError' | 'onRetry'>,
): Promise<void> {
  if (!response.ok || !response.body) {
    throw await ResponseError.fromResponse(response);
  }
  const parser = createParser({ ...callbacks, maxBufferSize: MAX_EVENT_BYTES });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      return;
    }
    parser.feed(value);
  }
}

/**
 * Follows the change stream: a stream that ends or breaks is opened again,
 * sooner or later; one the backend refuses is not.
 */
export function watchChanges(
  deps: StreamDeps,
  query: ChangesQuery,
  onChange: (change: ResourceChange) => void,
  options: { onOpen?: () => void; onError?: (error: Error) => void } = {},
): () => void {
  const abort = new AbortController();
  const run = async () => {
    const baseUrl = await deps.discoveryApi.getBaseUrl('k8s-ops');
    const search = searchOf({
      ...query,
      resources: query.resources.join(','),
      clusters: query.clusters?.join(','),
    });
    const response = await deps.fetchApi.fetch(`${baseUrl}/changes?${search}`, {
      signal: abort.signal,
      headers: { Accept: 'text/event-stream' },
    });
    await readEventStream(response, {
      // The backend sends this comment once it follows the changes.
      onComment: comment => {
        if (comment === 'connected') {
          options.onOpen?.();
        }
      },
      onEvent: event => {
        if (event.event === 'change') {
          onChange(JSON.parse(event.data));
        }
      },
    });
  };
  // A stream that ends or breaks is opened again, sooner or later; one
  // the backend refuses is not.
  const loop = async () => {
    let pause = 1000;
    while (!abort.signal.aborted) {
      try {
        await run();
        pause = 1000;
      } catch (error) {
        if (abort.signal.aborted) {
          return;
        }
        if (
          ResponseError.is(error) &&
          error.statusCode >= 400 &&
          error.statusCode < 500
        ) {
          options.onError?.(error);
          return;
        }
        pause = Math.min(pause * 2, 30_000);
      }
      await sleep(pause);
    }
  };
  loop();
  return () => abort.abort();
}

export async function readLogs(
  deps: StreamDeps,
  target: LogTarget,
  options: LogReadOptions = {},
): Promise<string> {
  const response = await fetchLogs(deps, target, options);
  return response.text();
}

export function followLogs(
  deps: StreamDeps,
  target: LogTarget,
  options: LogReadOptions,
  onText: (text: string) => void,
  handlers: { onEnd?: () => void; onError?: (error: Error) => void } = {},
): () => void {
  const abort = new AbortController();
  (async () => {
    const response = await fetchLogs(
      deps,
      target,
      { ...options, follow: true } as LogReadOptions,
      abort.signal,
    );
    const reader = response
      .body!.pipeThrough(new TextDecoderStream())
      .getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        handlers.onEnd?.();
        return;
      }
      onText(value);
    }
  })().catch(error => {
    if (!abort.signal.aborted) {
      handlers.onError?.(error);
    }
  });
  return () => abort.abort();
}

export async function openTerminal(
  deps: StreamDeps,
  target: TerminalTarget,
): Promise<TerminalConnection> {
  const baseUrl = await deps.discoveryApi.getBaseUrl('k8s-ops');
  const { token } = (await deps.identityApi?.getCredentials()) ?? {};
  const path = 'node' in target ? 'node-terminal' : 'terminal';
  const url = new URL(`${baseUrl}/${path}`, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = searchOf(target);
  // Browsers cannot set headers on a WebSocket: the token travels as a
  // subprotocol, which the backend reads and does not echo.
  const socket = new WebSocket(
    url.toString(),
    token ? [TERMINAL_PROTOCOL, token] : [TERMINAL_PROTOCOL],
  );
  // What is sent before the socket opens (the first size) waits for it.
  const queue: string[] = [];
  socket.addEventListener('open', () => {
    for (const message of queue.splice(0)) {
      socket.send(message);
    }
  });
  return {
    send: input => {
      if (socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify(input));
      } else if (socket.readyState === WebSocket.CONNECTING) {
        queue.push(JSON.stringify(input));
      }
    },
    onMessage: listener =>
      socket.addEventListener('message', event =>
        listener(JSON.parse(String(event.data)) as TerminalOutput),
      ),
    onClose: listener => socket.addEventListener('close', () => listener()),
    close: () => socket.close(),
  };
}

async function fetchLogs(
  deps: StreamDeps,
  target: LogTarget,
  options: LogReadOptions & { follow?: boolean },
  signal?: AbortSignal,
): Promise<Response> {
  const baseUrl = await deps.discoveryApi.getBaseUrl('k8s-ops');
  const cluster = encodeURIComponent(target.cluster);
  const name = encodeURIComponent(target.name);
  const path =
    target.resource === 'pods'
      ? `/clusters/${cluster}/pods/${name}/logs`
      : `/clusters/${cluster}/workloads/${encodeURIComponent(
          target.resource,
        )}/${name}/logs`;
  const search = searchOf({
    namespace: target.namespace,
    ...Object.fromEntries(
      Object.entries(options).filter(([, v]) => v !== false && v !== ''),
    ),
  });
  const response = await deps.fetchApi.fetch(`${baseUrl}${path}?${search}`, {
    signal,
  });
  if (!response.ok || !response.body) {
    throw await ResponseError.fromResponse(response);
  }
  return response;
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
