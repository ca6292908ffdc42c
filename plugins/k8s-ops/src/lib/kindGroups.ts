import {
  DiscoveryResponse,
  KindDescriptor,
  findKind,
  resourceNameOf,
} from '@k8s-ops/plugin-k8s-ops-common';

/** A heading of the kind list and the kinds under it. */
export interface KindGroup {
  id: string;
  title: string;
  kinds: KindDescriptor[];
}

// Built-in groups shown first, in this order; other built-in groups follow
// alphabetically, then CRD families, then every other CRD group.
const LEADING_GROUPS = ['', 'apps', 'batch', 'networking.k8s.io'];

/** Groups Kubernetes itself serves: no dot in the name, or under k8s.io. */
function isBuiltInGroup(group: string): boolean {
  return !group.includes('.') || /(^|\.)k8s\.io$/.test(group);
}

function byKind(a: KindDescriptor, b: KindDescriptor) {
  return a.kind.localeCompare(b.kind) || a.group.localeCompare(b.group);
}

/**
 * The kinds of the kind list, from discovery alone: preferred versions of
 * kinds that can be listed, grouped by API group (core, apps, batch,
 * networking first), the CRD families the cluster has installed under their
 * own titles, then the remaining CRD groups.
 */
export function groupKinds(discovery: DiscoveryResponse): KindGroup[] {
  const listable = discovery.kinds.filter(
    k => k.preferred && k.verbs.includes('list'),
  );
  const familyOf = new Map<string, { id: string; title: string }>();
  for (const family of discovery.families) {
    if (family.installed) {
      for (const resource of family.resources) {
        familyOf.set(resource, { id: family.id, title: family.title });
      }
    }
  }

  const groups = new Map<string, KindGroup & { rank: [number, string] }>();
  for (const kind of listable) {
    const family = familyOf.get(resourceNameOf(kind));
    let id: string;
    let title: string;
    let rank: [number, string];
    if (family) {
      id = `family-${family.id}`;
      title = family.title;
      rank = [2, family.title.toLowerCase()];
    } else if (isBuiltInGroup(kind.group)) {
      const leading = LEADING_GROUPS.indexOf(kind.group);
      id = kind.group || 'core';
      title = kind.group || 'core';
      rank =
        leading >= 0 ? [0, String(leading).padStart(3, '0')] : [1, kind.group];
    } else {
      id = `crd-${kind.group}`;
      title = kind.group;
      rank = [3, kind.group];
    }
    const group = groups.get(id) ?? { id, title, kinds: [], rank };
    group.kinds.push(kind);
    groups.set(id, group);
  }

  return [...groups.values()]
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1].localeCompare(b.rank[1]))
    .map(({ rank: _rank, ...group }) => ({
      ...group,
      kinds: group.kinds.sort(byKind),
    }));
}

/**
 * The groups with only the kinds whose kind name contains the query, or
 * whose short name starts with it, or whose resource name it is, ignoring
 * case; empty groups are left out.
 */
export function filterKindGroups(
  groups: KindGroup[],
  query: string,
): KindGroup[] {
  const q = query.trim().toLowerCase();
  if (!q) {
    return groups;
  }
  return groups
    .map(group => ({
      ...group,
      kinds: group.kinds.filter(
        k =>
          k.kind.toLowerCase().includes(q) ||
          k.resource.toLowerCase() === q ||
          k.shortNames.some(s => s.toLowerCase().startsWith(q)),
      ),
    }))
    .filter(group => group.kinds.length > 0);
}

/**
 * The kind a URL names: `deployments.apps`, `pods`; the preferred version
 * when a group serves several.
 */
export function findKindByResource(
  kinds: KindDescriptor[],
  resource: string | undefined,
): KindDescriptor | undefined {
  if (!resource) {
    return undefined;
  }
  const matching = kinds.filter(k => resourceNameOf(k) === resource);
  // Any name the backend accepts works in a URL too: `deploy`, `Deployment`.
  return (
    matching.find(k => k.preferred) ?? matching[0] ?? findKind(kinds, resource)
  );
}

/**
 * The plural title of a kind: `Deployments`, `NetworkPolicies`,
 * `CloneSets`, `Endpoints`; spelled from the kind's own name where its
 * resource name is a plain plural of it.
 */
export function pluralTitle(kind: KindDescriptor): string {
  const lower = kind.kind.toLowerCase();
  const resource = kind.resource.toLowerCase();
  if (resource === lower) {
    return kind.kind;
  }
  if (resource === `${lower}s`) {
    return `${kind.kind}s`;
  }
  if (resource === `${lower}es`) {
    return `${kind.kind}es`;
  }
  if (lower.endsWith('y') && resource === `${lower.slice(0, -1)}ies`) {
    return `${kind.kind.slice(0, -1)}ies`;
  }
  return kind.resource.charAt(0).toUpperCase() + kind.resource.slice(1);
}

/** The kind shown before one is chosen: Pods, else the first listed. */
export function defaultKind(groups: KindGroup[]): KindDescriptor | undefined {
  const all = groups.flatMap(g => g.kinds);
  return all.find(k => k.group === '' && k.resource === 'pods') ?? all[0];
}
