import { NotFoundError } from '@backstage/errors';
import {
  detectFamilies,
  findKind,
  DiscoveryResponse,
  KindDescriptor,
} from '@k8s-ops/plugin-k8s-ops-common';
import { ClusterEvents } from '../clusters/ClusterRegistry';
import { KubeClient } from './KubeClient';

const AGGREGATED =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';

/** Timings of a {@link DiscoveryCache}; each has a default. */
export interface DiscoveryCacheOptions {
  /** What is known of a cluster is dropped when it changes or goes. */
  events?: ClusterEvents;
  /** Age after which a cluster's discovery is refreshed; 5 minutes by default. */
  ttlMs?: number;
  /** Limit of each discovery request; 5 s by default. */
  timeoutMs?: number;
  /**
   * After a failed discovery, how long a request for an unknown kind is
   * answered with that failure instead of asking again; and after a good
   * one, how long a kind it did not list stays unknown without asking
   * again. 10 s by default.
   */
  retryAfterMs?: number;
}

/** What is known of one cluster's discovery. */
interface Entry {
  /** The last good copy. */
  kinds?: KindDescriptor[];
  /** What each ref typed named in that copy, once looked up. */
  resolved?: Map<string, KindDescriptor>;
  fetchedAt: number;
  /** The discovery under way, shared by every caller. */
  refreshing?: Promise<KindDescriptor[]>;
  failure?: { error: unknown; at: number };
}

type AggregatedList = {
  kind?: string;
  items?: Array<{
    metadata?: { name?: string };
    versions?: Array<{
      version: string;
      resources?: Array<{
        resource: string;
        responseKind?: { kind?: string };
        scope?: 'Namespaced' | 'Cluster';
        verbs?: string[];
        shortNames?: string[];
        subresources?: Array<{ subresource: string }>;
      }>;
    }>;
  }>;
};

type LegacyResourceList = {
  groupVersion: string;
  resources: Array<{
    name: string;
    kind: string;
    namespaced: boolean;
    verbs: string[];
    shortNames?: string[];
  }>;
};

/**
 * What each cluster serves, from discovery: every built-in kind and CRD, with
 * its verbs, scope and preferred version. Kept per cluster: a copy older than
 * the TTL is still answered at once while a fresh one is fetched in the
 * background, and a failed refresh keeps the last good copy, so that no
 * request waits on a sick cluster's discovery. Refreshed at once when a kind
 * is asked for that the cluster did not serve before (a CRD installed since).
 */
export class DiscoveryCache {
  private readonly entries = new Map<string, Entry>();
  private readonly options: Required<Omit<DiscoveryCacheOptions, 'events'>>;

  constructor(options: DiscoveryCacheOptions = {}) {
    options.events?.subscribe(event => this.forget(event.name));
    this.options = {
      ttlMs: options.ttlMs ?? 5 * 60_000,
      timeoutMs: options.timeoutMs ?? 5_000,
      retryAfterMs: options.retryAfterMs ?? 10_000,
    };
  }

  /** Drops what is known of a cluster (it changed or went). */
  forget(cluster: string) {
    this.entries.delete(cluster);
  }

  async discover(client: KubeClient): Promise<DiscoveryResponse> {
    const kinds = await this.kinds(client);
    return {
      cluster: client.cluster,
      kinds,
      families: detectFamilies(kinds),
    };
  }

  async kinds(client: KubeClient, refresh = false): Promise<KindDescriptor[]> {
    const entry = this.entries.get(client.cluster);
    if (entry?.kinds && !refresh) {
      if (Date.now() - entry.fetchedAt >= this.options.ttlMs) {
        // Failures are kept in the entry; the last good copy is answered.
        this.refresh(client).catch(() => undefined);
      }
      return entry.kinds;
    }
    if (
      entry?.failure &&
      !entry.refreshing &&
      Date.now() - entry.failure.at < this.options.retryAfterMs
    ) {
      throw entry.failure.error;
    }
    return this.refresh(client);
  }

  private refresh(client: KubeClient): Promise<KindDescriptor[]> {
    let entry = this.entries.get(client.cluster);
    if (!entry) {
      entry = { fetchedAt: 0 };
      this.entries.set(client.cluster, entry);
    }
    const current = entry;
    current.refreshing ??= fetchKinds(client, this.options.timeoutMs)
      .then(
        kinds => {
          current.kinds = kinds;
          current.resolved = new Map();
          current.fetchedAt = Date.now();
          current.failure = undefined;
          return kinds;
        },
        error => {
          current.failure = { error, at: Date.now() };
          throw error;
        },
      )
      .finally(() => {
        current.refreshing = undefined;
      });
    return current.refreshing;
  }

  /**
   * Finds a kind by what a person types: `deployments`, `deployment`,
   * `Deployment`, `deploy`, `deployments.apps`, `deployments.v1.apps`, or
   * `clonesets.apps.kruise.io`.
   */
  async resolve(client: KubeClient, ref: string): Promise<KindDescriptor> {
    const kinds = await this.kinds(client);
    // Every list of a page view resolves its kind: each ref is looked up
    // once per copy of the cluster's kinds.
    const entry = this.entries.get(client.cluster);
    const known = entry?.kinds === kinds ? entry.resolved : undefined;
    const remembered = known?.get(ref);
    if (remembered) {
      return remembered;
    }
    const found = findKind(kinds, ref);
    if (found) {
      known?.set(ref, found);
      return found;
    }
    // A kind the cluster did not serve may be a CRD installed since: asked
    // again, at most once per `retryAfterMs` (a view asking every cluster
    // for a CRD that few serve must not ask each of them every time).
    const fetchedAt = entry?.kinds === kinds ? entry.fetchedAt : 0;
    if (Date.now() - fetchedAt < this.options.retryAfterMs) {
      throw this.unknownKind(client, ref);
    }
    const fresh = findKind(await this.kinds(client, true), ref);
    if (fresh) {
      return fresh;
    }
    throw this.unknownKind(client, ref);
  }

  private unknownKind(client: KubeClient, ref: string) {
    return new NotFoundError(
      `Cluster '${client.cluster}' serves no kind '${ref}'; use a resource name such as 'deployments' or 'clonesets.apps.kruise.io'`,
    );
  }

  /** Finds the kind of an object by its `apiVersion` and `kind`. */
  async resolveObjectKind(
    client: KubeClient,
    apiVersion: string,
    kind: string,
  ): Promise<KindDescriptor> {
    const [group, version] = apiVersion.includes('/')
      ? apiVersion.split('/', 2)
      : ['', apiVersion];
    const match = (kinds: KindDescriptor[]) =>
      kinds.find(
        k => k.group === group && k.version === version && k.kind === kind,
      );
    const found =
      match(await this.kinds(client)) ?? match(await this.kinds(client, true));
    if (!found) {
      throw new NotFoundError(
        `Cluster '${client.cluster}' serves no kind ${kind} in ${apiVersion}`,
      );
    }
    return found;
  }
}

async function fetchKinds(
  client: KubeClient,
  timeoutMs: number,
): Promise<KindDescriptor[]> {
  const [core, groups] = await Promise.all([
    client.request<AggregatedList>('/api', { accept: AGGREGATED, timeoutMs }),
    client.request<AggregatedList>('/apis', { accept: AGGREGATED, timeoutMs }),
  ]);
  if (
    core?.kind === 'APIGroupDiscoveryList' &&
    groups?.kind === 'APIGroupDiscoveryList'
  ) {
    return [...fromAggregated(core, ''), ...fromAggregated(groups)];
  }
  return fetchLegacy(client, timeoutMs);
}

function fromAggregated(list: AggregatedList, fixedGroup?: string) {
  const kinds: KindDescriptor[] = [];
  for (const item of list.items ?? []) {
    const group = fixedGroup ?? item.metadata?.name ?? '';
    (item.versions ?? []).forEach((v, index) => {
      for (const r of v.resources ?? []) {
        kinds.push({
          group,
          version: v.version,
          resource: r.resource,
          kind: r.responseKind?.kind ?? r.resource,
          namespaced: r.scope === 'Namespaced',
          verbs: r.verbs ?? [],
          shortNames: r.shortNames ?? [],
          subresources: (r.subresources ?? []).map(s => s.subresource),
          // Versions come in order of preference.
          preferred: index === 0,
        });
      }
    });
  }
  return kinds;
}

async function fetchLegacy(
  client: KubeClient,
  timeoutMs: number,
): Promise<KindDescriptor[]> {
  const groupList = await client.request<{
    groups: Array<{
      name: string;
      versions: Array<{ groupVersion: string; version: string }>;
      preferredVersion?: { version: string };
    }>;
  }>('/apis', { timeoutMs });
  const lists: Array<{ list: LegacyResourceList; preferred: boolean }> = [
    { list: await client.request('/api/v1', { timeoutMs }), preferred: true },
  ];
  for (const group of groupList.groups) {
    for (const version of group.versions) {
      lists.push({
        list: await client.request(`/apis/${version.groupVersion}`, {
          timeoutMs,
        }),
        preferred: group.preferredVersion?.version === version.version,
      });
    }
  }
  return lists.flatMap(({ list, preferred }) => {
    const [group, version] = list.groupVersion.includes('/')
      ? list.groupVersion.split('/', 2)
      : ['', list.groupVersion];
    const subresources = new Map<string, string[]>();
    for (const r of list.resources.filter(x => x.name.includes('/'))) {
      const [base, sub] = r.name.split('/', 2);
      subresources.set(base, [...(subresources.get(base) ?? []), sub]);
    }
    return list.resources
      .filter(r => !r.name.includes('/'))
      .map(r => ({
        group,
        version,
        resource: r.name,
        kind: r.kind,
        namespaced: r.namespaced,
        verbs: r.verbs,
        shortNames: r.shortNames ?? [],
        subresources: subresources.get(r.name) ?? [],
        preferred,
      }));
  });
}
