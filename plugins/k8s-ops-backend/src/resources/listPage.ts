import { InputError } from '@backstage/errors';
import { KindDescriptor, KubeObject } from '@k8s-ops/plugin-k8s-ops-common';
import {
  parseFieldSelectorInput,
  parseLabelSelectorInput,
} from './selectorInput';

/** Objects a page holds unless the request says otherwise. */
export const DEFAULT_LIMIT = 500;

/** What a list request asks of the objects of one kind. */
export interface ListQuery {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  /** The `continue` of the previous page, unchanged. */
  continue?: string;
}

/** One page of a list, before the cluster and freshness are added. */
export interface ListPage {
  items: KubeObject[];
  continue?: string;
  /** Objects that match, over every page. */
  total: number;
}

/**
 * Answers one page of a list from objects in memory: in the namespace,
 * matching both selectors and the caller's filter, sorted by namespace and
 * name, after the object the `continue` token names. Pure: the objects come
 * from the watch cache or the API server.
 */
export function listPage(
  objects: Iterable<KubeObject>,
  kind: KindDescriptor,
  query: ListQuery,
  filter?: (object: KubeObject, kind: KindDescriptor) => boolean,
): ListPage {
  const matchesLabels = parseLabelSelectorInput(query.labelSelector);
  const matchesFields = parseFieldSelectorInput(query.fieldSelector);
  const after = query.continue ? decodeContinue(query.continue) : undefined;
  const matching: KubeObject[] = [];
  for (const object of objects) {
    if (
      kind.namespaced &&
      query.namespace &&
      object.metadata.namespace !== query.namespace
    ) {
      continue;
    }
    if (
      matchesLabels(object.metadata.labels) &&
      matchesFields(object) &&
      (!filter || filter(object, kind))
    ) {
      matching.push(object);
    }
  }
  matching.sort(byNamespaceAndName);
  // A token names the last object of its page, which may be gone since: the
  // page starts at the first object after it.
  const start = after
    ? matching.findIndex(o => byNamespaceAndName(o, after) > 0)
    : 0;
  const limit = query.limit ?? DEFAULT_LIMIT;
  const items = start < 0 ? [] : matching.slice(start, start + limit);
  const last = items[items.length - 1];
  const more = start >= 0 && start + limit < matching.length;
  return {
    items,
    continue: more && last ? encodeContinue(last) : undefined,
    total: matching.length,
  };
}

type Named = { metadata: { namespace?: string; name?: string } };

function byNamespaceAndName(a: Named, b: Named) {
  const ns = (a.metadata.namespace ?? '').localeCompare(
    b.metadata.namespace ?? '',
  );
  return ns || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

/** The token of the page after `object`: its namespace and name. */
export function encodeContinue(object: Named): string {
  return Buffer.from(
    JSON.stringify([object.metadata.namespace ?? '', object.metadata.name]),
  ).toString('base64url');
}

function decodeContinue(token: string): Named {
  try {
    const [namespace, name] = JSON.parse(
      Buffer.from(token, 'base64url').toString('utf8'),
    );
    if (typeof namespace === 'string' && typeof name === 'string') {
      return { metadata: { namespace, name } };
    }
  } catch {
    // Reported below.
  }
  throw new InputError(
    "Invalid 'continue': pass the continue value of the previous page unchanged",
  );
}
