import {
  KubeObject,
  withoutServerFields,
} from '@k8s-ops/plugin-k8s-ops-common';
import { parseAllDocuments, stringify } from 'yaml';

/** An object as YAML to edit and apply again, without the server's fields. */
export function editableYaml(object: KubeObject): string {
  return stringify(withoutServerFields(object));
}

/** What the editor's text holds: one object, or why it is not one. */
export type ParsedManifest =
  | { object: KubeObject; error?: undefined }
  | { object?: undefined; error: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the editor's text as one Kubernetes object, checking what the
 * server would refuse anyway before anything is sent.
 */
export function parseManifest(text: string): ParsedManifest {
  const documents = parseAllDocuments(text);
  for (const document of documents) {
    const [first] = document.errors;
    if (first) {
      return { error: `YAML error: ${first.message.trim()}` };
    }
  }
  // Comments alone, or a trailing `---`, make documents without content.
  const values = documents
    .map(document => document.toJS() as unknown)
    .filter(value => value !== null && value !== undefined);
  if (values.length === 0) {
    return { error: 'Paste the YAML of one object' };
  }
  if (values.length > 1) {
    return {
      error: `One object at a time: the text holds ${values.length} documents`,
    };
  }
  const [value] = values;
  if (!isRecord(value)) {
    return {
      error: 'The YAML must be an object with apiVersion, kind and metadata',
    };
  }
  const metadata = isRecord(value.metadata) ? value.metadata : undefined;
  const missing = [
    typeof value.apiVersion === 'string' && value.apiVersion
      ? ''
      : 'apiVersion',
    typeof value.kind === 'string' && value.kind ? '' : 'kind',
    typeof metadata?.name === 'string' && metadata.name ? '' : 'metadata.name',
  ].filter(Boolean);
  if (missing.length) {
    return { error: `Missing ${missing.join(', ')}` };
  }
  return { object: value as KubeObject };
}

/** How a line of a unified diff is shown. */
export type DiffLineClass = 'header' | 'hunk' | 'added' | 'removed' | 'context';

/** Classifies one line of a unified diff. */
export function diffLineClass(line: string): DiffLineClass {
  if (line.startsWith('+++') || line.startsWith('---')) return 'header';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'added';
  if (line.startsWith('-')) return 'removed';
  return 'context';
}

/** `ConfigMap team-shop/settings`, `Namespace team-shop`. */
export function describeObject(object: KubeObject): string {
  const { namespace, name } = object.metadata;
  return `${object.kind} ${namespace ? `${namespace}/` : ''}${name}`;
}
