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
  /** Only objects whose name holds this text, in any case. */
  name?: string;
  /** The order of the whole list; namespace, then name, by default. */
  sortBy?: ListSortKey;
  order?: 'asc' | 'desc';
}

/** What a list can be sorted by. */
export type ListSortKey = 'namespace' | 'name' | 'age';

/** One page of a list, before the cluster and freshness are added. */
export interface ListPage {
  items: KubeObject[];
  continue?: string;
  /** Objects that match, over every page. */
  total: number;
}

/**
 * Answers one page of a list from objects in memory: in the namespace,
 * matching both selectors, the name filter and the caller's filter, the
 * whole list sorted (namespace and name by default), after the object the
 * `continue` token names. Pure: the objects come from the watch cache or
 * the API server.
 */
export function listPage(
  objects: Iterable<KubeObject>,
  kind: KindDescriptor,
  query: ListQuery,
  filter?: (object: KubeObject, kind: KindDescriptor) => boolean,
): ListPage {
  const matchesLabels = parseLabelSelectorInput(query.labelSelector);
  const matchesFields = parseFieldSelectorInput(query.fieldSelector);
  const nameFilter = query.name?.toLowerCase();
  const keyOf = sortKeyOf(query.sortBy ?? 'namespace');
  const direction = query.order === 'desc' ? -1 : 1;
  const after = query.continue ? decodeContinue(query.continue) : undefined;
  const matching: Array<{ object: KubeObject; key: string[] }> = [];
  for (const object of objects) {
    if (
      kind.namespaced &&
      query.namespace &&
      object.metadata.namespace !== query.namespace
    ) {
      continue;
    }
    if (
      nameFilter &&
      !(object.metadata.name ?? '').toLowerCase().includes(nameFilter)
    ) {
      continue;
    }
    if (
      matchesLabels(object.metadata.labels) &&
      matchesFields(object) &&
      (!filter || filter(object, kind))
    ) {
      matching.push({ object, key: keyOf(object) });
    }
  }
  matching.sort((a, b) => direction * compareKeys(a.key, b.key));
  // A token names the key of the last object of its page, which may be
  // gone since: the page starts at the first object after it.
  const start = after
    ? matching.findIndex(o => direction * compareKeys(o.key, after) > 0)
    : 0;
  const limit = query.limit ?? DEFAULT_LIMIT;
  const page = start < 0 ? [] : matching.slice(start, start + limit);
  const last = page[page.length - 1];
  const more = start >= 0 && start + limit < matching.length;
  return {
    items: page.map(o => o.object),
    continue: more && last ? encodeKey(last.key) : undefined,
    total: matching.length,
  };
}

type Named = {
  metadata: { namespace?: string; name?: string; creationTimestamp?: string };
};

/**
 * The key an order sorts by, ending with namespace and name so that no two
 * objects share one. Names are compared as strings, not by locale: they are
 * lowercase ASCII, and thousands of comparisons stay fast.
 */
function sortKeyOf(sortBy: ListSortKey): (object: Named) => string[] {
  switch (sortBy) {
    case 'name':
      return o => [o.metadata.name ?? '', o.metadata.namespace ?? ''];
    case 'age':
      // Newest first in ascending order, as the age column reads.
      return o => [
        invertTime(o.metadata.creationTimestamp),
        o.metadata.namespace ?? '',
        o.metadata.name ?? '',
      ];
    default:
      return o => [o.metadata.namespace ?? '', o.metadata.name ?? ''];
  }
}

/** A timestamp as text that sorts newest first. */
function invertTime(timestamp: string | undefined): string {
  const ms = timestamp ? Date.parse(timestamp) : NaN;
  return Number.isNaN(ms)
    ? '~'
    : String(9_999_999_999_999 - ms).padStart(13, '0');
}

function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return a[i] < b[i] ? -1 : 1;
    }
  }
  return 0;
}

function encodeKey(key: string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The token of the page after `object` in the default order: its namespace
 * and name.
 */
export function encodeContinue(object: Named): string {
  return encodeKey(sortKeyOf('namespace')(object));
}

function decodeContinue(token: string): string[] {
  try {
    const key = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length >= 2 &&
      key.every(part => typeof part === 'string')
    ) {
      return key;
    }
  } catch {
    // Reported below.
  }
  throw new InputError(
    "Invalid 'continue': pass the continue value of the previous page unchanged",
  );
}
