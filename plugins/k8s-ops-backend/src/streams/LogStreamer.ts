import { KubeObject, LogQuery } from '@k8s-ops/plugin-k8s-ops-common';
import { IncomingMessage } from 'node:http';
import { Impersonation, KubeClient } from '../kube/KubeClient';
import {
  containerNames,
  formatLine,
  LineSplitter,
  mergeLines,
  splitTimestamp,
  TimedLine,
} from './logLines';

/** Where log text goes: the answer of a route. */
export interface LogSink {
  write(text: string): void;
  end(): void;
}

/** The options of a log read, as the routes take them. */
export type LogOptions = Pick<
  LogQuery,
  'previous' | 'sinceSeconds' | 'tailLines' | 'timestamps' | 'follow'
>;

/** The pod changes a workload follow sees: pods that come, change and go. */
export type PodChanges = (
  listener: (type: 'ADDED' | 'MODIFIED' | 'DELETED', pod: KubeObject) => void,
) => () => void;

/** A log read that the cluster accepted, ready to be written to its sink. */
export interface OpenedLog {
  /** Writes the log to the sink until it ends or the signal aborts. */
  pipe(sink: LogSink): void;
}

interface Place {
  client: KubeClient;
  namespace: string;
  impersonate?: Impersonation;
}

/**
 * Reads container logs from the kubelet through the API server's `log`
 * subresource: one container as the cluster streams it, or every container
 * of a workload's pods merged in time order, each line prefixed with its
 * pod. A followed workload picks up the pods that come and drops those that
 * go. Knows nothing of permissions; see AuthorizedLogService.
 */
export class LogStreamer {
  constructor(private readonly options: { mergeWindowMs?: number } = {}) {}

  /**
   * One container's log. Answers once the cluster accepted the read (its
   * refusal is thrown as a mapped error), so the route can still answer it.
   */
  async pod(
    place: Place & { pod: string; container: string },
    options: LogOptions,
    signal: AbortSignal,
  ): Promise<OpenedLog> {
    const res = await this.open(
      place,
      place.pod,
      place.container,
      options,
      signal,
    );
    return {
      pipe: sink => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => sink.write(chunk));
        res.on('end', () => sink.end());
        res.on('error', () => sink.end());
        res.on('close', () => sink.end());
      },
    };
  }

  /**
   * The logs of every container of some pods, merged in time order, each
   * line prefixed with `[pod]` (or `[pod/container]` for pods of several
   * containers). A source that cannot be read says why in a line of its own.
   * With `follow`, the lines of each source are merged over a short window
   * as they come, and `changes` brings the pods that start and go.
   */
  async workload(
    place: Place & { pods: KubeObject[]; container?: string },
    options: LogOptions,
    signal: AbortSignal,
    changes?: PodChanges,
  ): Promise<OpenedLog> {
    const sources = place.pods.flatMap(pod =>
      this.sourcesOf(pod, place.container),
    );
    if (!options.follow) {
      const read = await Promise.all(
        sources.map(async s => ({
          source: s.label,
          lines: await this.readAll(place, s, options, signal),
        })),
      );
      return {
        pipe: sink => {
          for (const line of mergeLines(read, options)) {
            sink.write(`${line}\n`);
          }
          sink.end();
        },
      };
    }
    return {
      pipe: sink => this.follow(place, sources, options, signal, sink, changes),
    };
  }

  private follow(
    place: Place & { container?: string },
    initial: Source[],
    options: LogOptions,
    signal: AbortSignal,
    sink: LogSink,
    changes?: PodChanges,
  ) {
    const open = new Map<string, AbortController>();
    let pending: Array<{ source: string; line: TimedLine }> = [];
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      const lines = mergeLines(groupBySource(pending), {
        timestamps: options.timestamps,
      });
      pending = [];
      if (lines.length) {
        sink.write(`${lines.join('\n')}\n`);
      }
    };
    const start = (source: Source, optionsOfSource: LogOptions) => {
      if (open.has(source.label) || signal.aborted) {
        return;
      }
      const stop = new AbortController();
      open.set(source.label, stop);
      const splitter = new LineSplitter();
      const add = (lines: string[]) => {
        for (const line of lines) {
          pending.push({ source: source.label, line: splitTimestamp(line) });
        }
        timer ??= setTimeout(flush, this.options.mergeWindowMs ?? 20);
      };
      this.open(
        place,
        source.pod,
        source.container,
        { ...optionsOfSource, timestamps: true, follow: true },
        AbortSignal.any([signal, stop.signal]),
      ).then(
        res => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => add(splitter.push(chunk)));
          res.on('close', () => {
            add(splitter.end());
            // The container ended: a later change of the pod may start it again.
            if (open.get(source.label) === stop) {
              open.delete(source.label);
            }
          });
        },
        error => {
          open.delete(source.label);
          if (!signal.aborted && !stop.signal.aborted) {
            sink.write(
              `${formatLine(
                source.label,
                splitTimestamp(`(no logs: ${messageOf(error)})`),
                options,
              )}\n`,
            );
          }
        },
      );
    };
    for (const source of initial) {
      start(source, options);
    }
    const unsubscribe = changes?.((type, pod) => {
      for (const source of this.sourcesOf(pod, place.container)) {
        if (type === 'DELETED') {
          open.get(source.label)?.abort();
          open.delete(source.label);
        } else if (isRunning(pod)) {
          // A pod that starts during the follow is read from its start.
          start(source, {
            ...options,
            tailLines: undefined,
            sinceSeconds: undefined,
          });
        }
      }
    });
    signal.addEventListener(
      'abort',
      () => {
        unsubscribe?.();
        clearTimeout(timer);
        for (const stop of open.values()) {
          stop.abort();
        }
        open.clear();
        sink.end();
      },
      { once: true },
    );
  }

  private sourcesOf(pod: KubeObject, container?: string): Source[] {
    const names = containerNames(pod);
    const chosen = container ? names.filter(n => n === container) : names;
    const podName = pod.metadata.name ?? '';
    return chosen.map(name => ({
      pod: podName,
      container: name,
      label: names.length > 1 ? `${podName}/${name}` : podName,
    }));
  }

  private async readAll(
    place: Place,
    source: Source,
    options: LogOptions,
    signal: AbortSignal,
  ): Promise<TimedLine[]> {
    try {
      const text = await place.client.requestText(
        logPath(place.namespace, source.pod),
        {
          query: logQuery(source.container, {
            ...options,
            timestamps: true,
            follow: false,
          }),
          accept: '*/*',
          impersonate: place.impersonate,
          signal,
        },
      );
      return text.split('\n').filter(Boolean).map(splitTimestamp);
    } catch (error) {
      return [{ key: '', time: '', text: `(no logs: ${messageOf(error)})` }];
    }
  }

  private open(
    place: Place,
    pod: string,
    container: string,
    options: LogOptions,
    signal: AbortSignal,
  ): Promise<IncomingMessage> {
    return place.client.stream(logPath(place.namespace, pod), {
      query: logQuery(container, options),
      accept: '*/*',
      impersonate: place.impersonate,
      signal,
    });
  }
}

interface Source {
  pod: string;
  container: string;
  label: string;
}

function logPath(namespace: string, pod: string) {
  return `/api/v1/namespaces/${encodeURIComponent(
    namespace,
  )}/pods/${encodeURIComponent(pod)}/log`;
}

function logQuery(container: string, options: LogOptions) {
  return {
    container,
    previous: options.previous || undefined,
    sinceSeconds: options.sinceSeconds,
    tailLines: options.tailLines,
    timestamps: options.timestamps || undefined,
    follow: options.follow || undefined,
  };
}

function groupBySource(lines: Array<{ source: string; line: TimedLine }>) {
  const bySource = new Map<string, TimedLine[]>();
  for (const { source, line } of lines) {
    const list = bySource.get(source);
    if (list) {
      list.push(line);
    } else {
      bySource.set(source, [line]);
    }
  }
  return [...bySource].map(([source, l]) => ({ source, lines: l }));
}

function isRunning(pod: KubeObject) {
  return (pod as { status?: { phase?: string } }).status?.phase === 'Running';
}

function messageOf(error: unknown) {
  return error instanceof Error ? error.message : String(error);
}
