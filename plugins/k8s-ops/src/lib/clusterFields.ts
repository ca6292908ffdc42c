import {
  ClusterSummary,
  labelKeyProblem,
  labelValueProblem,
  UpdateClusterRequest,
} from '@k8s-ops/plugin-k8s-ops-common';

// The rules of the backend's schemas.ts, checked as the person types so that
// most mistakes never reach the backend. The backend stays the authority.

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const MAX_LABELS = 50;

/** Why a cluster or group name is refused, or undefined when it is fine. */
export function dnsLabelProblem(value: string): string | undefined {
  return DNS_LABEL.test(value)
    ? undefined
    : 'Lowercase letters, digits and dashes, at most 63 characters, starting and ending with a letter or digit';
}

/**
 * A cluster name suggested from a kubeconfig cluster name, such as
 * `gke_shop_europe-west1_prod` → `gke-shop-europe-west1-prod`.
 */
export function suggestClusterName(kubeconfigCluster: string): string {
  return kubeconfigCluster
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/** Labels typed as `key=value` lines, or why they are refused. */
export type ParsedLabels =
  | { labels: Record<string, string>; problem?: undefined }
  | { labels?: undefined; problem: string };

/**
 * Parses labels typed as `key=value`, one a line or separated by commas
 * (`team=platform, region=local`); blank entries are skipped. Keys and
 * values follow the backend's rules, so a malformed label is refused here.
 */
export function parseLabels(text: string): ParsedLabels {
  const labels: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const where = `Line ${index + 1}`;
    for (const entry of lines[index].split(',')) {
      const label = entry.trim();
      if (!label) {
        continue;
      }
      const equals = label.indexOf('=');
      if (equals < 0) {
        return { problem: `${where}: write key=value, not "${label}"` };
      }
      const key = label.slice(0, equals).trim();
      const value = label.slice(equals + 1).trim();
      const problem = labelKeyProblem(key) ?? labelValueProblem(value);
      if (problem) {
        return { problem: `${where}, ${key || 'a label'}: ${problem}` };
      }
      if (Object.prototype.hasOwnProperty.call(labels, key)) {
        return { problem: `${where}: ${key} is given twice` };
      }
      labels[key] = value;
    }
  }
  if (Object.keys(labels).length > MAX_LABELS) {
    return { problem: `At most ${MAX_LABELS} labels` };
  }
  return { labels };
}

/** Labels as `key=value` lines, the input of {@link parseLabels}. */
export function formatLabels(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
}

/** Whether two sets of labels are the same, in any order. */
export function sameLabels(
  a: Record<string, string>,
  b: Record<string, string>,
): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every(
      key => Object.prototype.hasOwnProperty.call(b, key) && a[key] === b[key],
    )
  );
}

/** What a person sets about a cluster, as typed. */
export interface ClusterSettings {
  title: string;
  /** Empty for no group. */
  group: string;
  /** `key=value` lines. */
  labels: string;
  readOnly: boolean;
  impersonate: boolean;
}

/** Why fields of {@link ClusterSettings} are refused, by field. */
export interface ClusterSettingsProblems {
  title?: string;
  group?: string;
  labels?: string;
}

/** Checks settings against the backend's rules. */
export function clusterSettingsProblems(
  settings: ClusterSettings,
  options: { titleRequired: boolean },
): ClusterSettingsProblems {
  const problems: ClusterSettingsProblems = {};
  const title = settings.title.trim();
  if (!title && options.titleRequired) {
    problems.title = 'A cluster needs a title';
  } else if (title.length > 255) {
    problems.title = 'At most 255 characters';
  }
  const group = settings.group.trim();
  if (group) {
    problems.group = dnsLabelProblem(group);
  }
  problems.labels = parseLabels(settings.labels).problem;
  return problems;
}

/** Whether {@link clusterSettingsProblems} found nothing. */
export function hasProblems(problems: ClusterSettingsProblems): boolean {
  return Object.values(problems).some(Boolean);
}

/** What differs between a cluster and the settings typed for it. */
export function clusterChanges(
  cluster: ClusterSummary,
  settings: ClusterSettings,
): UpdateClusterRequest {
  const changes: UpdateClusterRequest = {};
  const title = settings.title.trim();
  if (title !== cluster.title) {
    changes.title = title;
  }
  const group = settings.group.trim();
  if (group !== (cluster.group ?? '')) {
    // null removes the group; an absent field leaves it.
    changes.group = group || null;
  }
  const labels = parseLabels(settings.labels).labels;
  if (labels && !sameLabels(labels, cluster.labels)) {
    changes.labels = labels;
  }
  if (settings.readOnly !== cluster.readOnly) {
    changes.readOnly = settings.readOnly;
  }
  if (settings.impersonate !== cluster.impersonate) {
    changes.impersonate = settings.impersonate;
  }
  return changes;
}
