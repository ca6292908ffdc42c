import { stringifyK8sOpsObjectRef } from '../objectRefs';
import { parseLabelSelector } from '../selectors';
import { KubeObject, RelationType } from '../types';
import type { RelationCandidate } from './findRelations';
import {
  labelSelectorText,
  podSpecOf,
  podSpecReferences,
} from './podReferences';

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

type Backend = { service?: { name?: string } } | undefined;

/** The fields of the kinds that name other objects. */
type RelatedSpec = {
  volumeName?: string;
  storageClassName?: string;
  defaultBackend?: Backend;
  rules?: Array<{ http?: { paths?: Array<{ backend?: Backend }> } }>;
  scaleTargetRef?: { kind?: string; name?: string };
};

/** A neighbour of an object, and whether the edge goes out of it. */
export type Link = {
  other: RelationCandidate;
  relation: RelationType;
  out: boolean;
};

/** Kinds whose selector picks Pods, and where the selector is. */
const POD_SELECTORS: Record<string, (o: KubeObject) => string | undefined> = {
  Service: o => {
    const selector = (o.spec as { selector?: Record<string, string> })
      ?.selector;
    // A Service without a selector selects nothing (its endpoints are manual).
    return selector && Object.keys(selector).length
      ? labelSelectorText({ matchLabels: selector })
      : undefined;
  },
  NetworkPolicy: o =>
    labelSelectorText((o.spec as { podSelector?: object })?.podSelector ?? {}),
  PodDisruptionBudget: o => {
    const selector = (o.spec as { selector?: object })?.selector;
    return selector ? labelSelectorText(selector) : undefined;
  },
};

/** The candidates indexed once, so that each step is a look-up. */
export class RelationGraph {
  private readonly byName = new Map<string, RelationCandidate>();
  private readonly byUid = new Map<string, RelationCandidate>();
  private readonly owned = new Map<string, RelationCandidate[]>();
  /** Links by name, both ways, keyed by candidate. */
  private readonly named = new Map<RelationCandidate, Link[]>();
  private readonly podsByNamespace = new Map<string, RelationCandidate[]>();
  private readonly selectorsByNamespace = new Map<
    string,
    RelationCandidate[]
  >();
  private readonly ids = new Map<RelationCandidate, string>();
  private readonly matchers = new Map<
    RelationCandidate,
    ((labels: Record<string, string> | undefined) => boolean) | undefined
  >();

  constructor(
    private readonly cluster: string,
    candidates: RelationCandidate[],
  ) {
    for (const c of candidates) {
      this.byName.set(
        this.nameKey(
          c.kind,
          c.object.metadata.namespace,
          c.object.metadata.name,
        ),
        c,
      );
      if (c.object.metadata.uid) {
        this.byUid.set(c.object.metadata.uid, c);
      }
      const ns = c.object.metadata.namespace ?? '';
      if (c.kind === 'Pod') {
        push(this.podsByNamespace, ns, c);
      } else if (POD_SELECTORS[c.kind]) {
        push(this.selectorsByNamespace, ns, c);
      }
    }
    for (const c of candidates) {
      for (const owner of c.object.metadata.ownerReferences ?? []) {
        push(this.owned, owner.uid, c);
      }
      this.indexNamedLinks(c);
    }
  }

  id(c: RelationCandidate): string {
    let id = this.ids.get(c);
    if (!id) {
      id = stringifyK8sOpsObjectRef({
        cluster: this.cluster,
        resource: c.resource,
        namespace: c.namespaced ? c.object.metadata.namespace : undefined,
        name: c.object.metadata.name ?? '',
      });
      this.ids.set(c, id);
    }
    return id;
  }

  links(c: RelationCandidate): Link[] {
    const links: Link[] = [];
    for (const owner of c.object.metadata.ownerReferences ?? []) {
      const other = this.byUid.get(owner.uid);
      if (other) {
        links.push({ other, relation: 'owns', out: false });
      }
    }
    for (const other of this.owned.get(c.object.metadata.uid ?? '') ?? []) {
      links.push({ other, relation: 'owns', out: true });
    }
    links.push(...(this.named.get(c) ?? []));
    const ns = c.object.metadata.namespace ?? '';
    if (c.kind === 'Pod') {
      for (const selector of this.selectorsByNamespace.get(ns) ?? []) {
        if (this.matcher(selector)?.(c.object.metadata.labels)) {
          links.push({ other: selector, relation: 'selects', out: false });
        }
      }
    } else if (POD_SELECTORS[c.kind]) {
      const matches = this.matcher(c);
      for (const pod of matches ? this.podsByNamespace.get(ns) ?? [] : []) {
        if (matches!(pod.object.metadata.labels)) {
          links.push({ other: pod, relation: 'selects', out: true });
        }
      }
    }
    return links;
  }

  private matcher(c: RelationCandidate) {
    if (!this.matchers.has(c)) {
      const text = POD_SELECTORS[c.kind]?.(c.object);
      let matcher;
      try {
        matcher = text === undefined ? undefined : parseLabelSelector(text);
      } catch {
        // A selector the API server accepted but we cannot read selects
        // nothing we can show.
        matcher = undefined;
      }
      this.matchers.set(c, matcher);
    }
    return this.matchers.get(c);
  }

  /** Links by name, stored on both ends. */
  private indexNamedLinks(c: RelationCandidate) {
    const ns = c.object.metadata.namespace;
    const link = (
      kind: string,
      name: string | undefined,
      relation: RelationType,
      clusterScoped = false,
    ) => {
      const other = name
        ? this.byName.get(
            this.nameKey(kind, clusterScoped ? undefined : ns, name),
          )
        : undefined;
      if (other && other !== c) {
        push(this.named, c, { other, relation, out: true });
        push(this.named, other, { other: c, relation, out: false });
      }
    };
    const podSpec = podSpecOf(c.object);
    if (podSpec) {
      const refs = podSpecReferences(podSpec);
      refs.configMaps.forEach(n => link('ConfigMap', n, 'mounts'));
      refs.secrets.forEach(n => link('Secret', n, 'mounts'));
      refs.claims.forEach(n => link('PersistentVolumeClaim', n, 'mounts'));
      if (c.kind === 'Pod') {
        link('ServiceAccount', refs.serviceAccount ?? 'default', 'runs-as');
        link('Node', refs.node, 'runs-on', true);
      }
    }
    const spec = (c.object.spec ?? {}) as RelatedSpec;
    if (c.kind === 'PersistentVolumeClaim') {
      link('PersistentVolume', spec.volumeName, 'claims', true);
      link('StorageClass', spec.storageClassName, 'class', true);
    } else if (c.kind === 'PersistentVolume') {
      link('StorageClass', spec.storageClassName, 'class', true);
    } else if (c.kind === 'Ingress') {
      const backends = [
        spec.defaultBackend,
        ...(spec.rules ?? []).flatMap(r =>
          (r?.http?.paths ?? []).map(p => p?.backend),
        ),
      ];
      for (const backend of backends) {
        link('Service', backend?.service?.name, 'routes-to');
      }
    } else if (c.kind === 'HorizontalPodAutoscaler') {
      link(
        spec.scaleTargetRef?.kind ?? '',
        spec.scaleTargetRef?.name,
        'scales',
      );
    }
  }

  private nameKey(
    kind: string | undefined,
    namespace: string | undefined,
    name: string | undefined,
  ) {
    return `${kind}|${namespace ?? ''}|${name}`;
  }
}
