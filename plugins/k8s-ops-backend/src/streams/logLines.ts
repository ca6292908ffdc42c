import { KubeObject } from '@k8s-ops/plugin-k8s-ops-common';

/** A Kubernetes `LabelSelector`, as in a workload's `spec.selector`. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }>;
}

/**
 * A workload's `spec.selector` in the text form of a label selector
 * (`app=web,tier in (a,b)`), or undefined when it selects nothing: a
 * selector without terms would match every pod of the namespace.
 */
export function labelSelectorText(
  selector: LabelSelector | undefined,
): string | undefined {
  const terms = [
    ...Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(selector?.matchExpressions ?? []).map(e => {
      switch (e.operator) {
        case 'In':
          return `${e.key} in (${(e.values ?? []).join(',')})`;
        case 'NotIn':
          return `${e.key} notin (${(e.values ?? []).join(',')})`;
        case 'Exists':
          return e.key;
        default:
          return `!${e.key}`;
      }
    }),
  ];
  return terms.length ? terms.join(',') : undefined;
}

/** The names of a pod's containers, in order. */
export function containerNames(pod: KubeObject): string[] {
  const spec = (pod as { spec?: { containers?: Array<{ name: string }> } })
    .spec;
  return (spec?.containers ?? []).map(c => c.name);
}

/**
 * The container whose logs or terminal a person gets when they name none:
 * the one `kubectl.kubernetes.io/default-container` names, else the first.
 */
export function defaultContainer(pod: KubeObject): string | undefined {
  const names = containerNames(pod);
  const annotated =
    pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  return annotated && names.includes(annotated) ? annotated : names[0];
}

/** Cuts streamed text into whole lines; keeps a partial line for later. */
export class LineSplitter {
  private rest = '';

  push(chunk: string): string[] {
    const text = this.rest + chunk;
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    return lines;
  }

  /** The partial line left at the end of the stream, if any. */
  end(): string[] {
    const rest = this.rest;
    this.rest = '';
    return rest ? [rest] : [];
  }
}

/** A log line asked for with `timestamps=true`, split into its time and text. */
export interface TimedLine {
  /** Sortable form of the time: RFC 3339 with nine fraction digits. */
  key: string;
  time: string;
  text: string;
}

/**
 * Splits `2026-01-01T00:00:00.5Z text` into its time and text. Kubernetes
 * writes RFC 3339 with as many fraction digits as needed, so the sort key
 * pads the fraction to nine. A line without a time sorts first.
 */
export function splitTimestamp(line: string): TimedLine {
  const space = line.indexOf(' ');
  const time = space > 0 ? line.slice(0, space) : '';
  const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(
    time,
  );
  if (!match) {
    return { key: '', time: '', text: line };
  }
  return {
    key: `${match[1]}.${(match[2] ?? '').padEnd(9, '0')}Z`,
    time,
    text: line.slice(space + 1),
  };
}

/**
 * Merges the lines of several sources in time order, each line prefixed
 * with its source; lines of the same time keep their order. The prefix is
 * `[pod] ` and the time stays only when it was asked for.
 */
export function mergeLines(
  sources: Array<{ source: string; lines: TimedLine[] }>,
  options: { timestamps: boolean },
): string[] {
  const all = sources.flatMap(({ source, lines }) =>
    lines.map((line, index) => ({ source, line, index })),
  );
  // Array.prototype.sort is stable: same-time lines keep their source order.
  all.sort((a, b) => a.line.key.localeCompare(b.line.key, 'en'));
  return all.map(({ source, line }) => formatLine(source, line, options));
}

/** One merged line: `[pod] text`, or `[pod] time text`. */
export function formatLine(
  source: string,
  line: TimedLine,
  options: { timestamps: boolean },
): string {
  return options.timestamps && line.time
    ? `[${source}] ${line.time} ${line.text}`
    : `[${source}] ${line.text}`;
}
