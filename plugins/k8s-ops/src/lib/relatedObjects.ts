import {
  K8sOpsObjectRef,
  KindDescriptor,
  KubeObject,
  resourceNameOf,
} from '@k8s-ops/plugin-k8s-ops-common';

// The kinds a controller makes, by the controller's kind, as `group/Kind`.
// Everything else about them (version, resource name, scope) comes from
// discovery, so a kind the cluster does not serve is simply left out.
const CHILD_KINDS: Record<string, string[]> = {
  Deployment: ['apps/ReplicaSet'],
  ReplicaSet: ['/Pod'],
  StatefulSet: ['/Pod', 'apps/ControllerRevision'],
  DaemonSet: ['/Pod', 'apps/ControllerRevision'],
  Job: ['/Pod'],
  CronJob: ['batch/Job'],
  Service: ['discovery.k8s.io/EndpointSlice'],
  // OpenKruise
  CloneSet: ['/Pod', 'apps/ControllerRevision'],
};

function descriptorOf(
  kinds: KindDescriptor[],
  group: string,
  kind: string,
): KindDescriptor | undefined {
  const matching = kinds.filter(k => k.group === group && k.kind === kind);
  return matching.find(k => k.preferred) ?? matching[0];
}

/** The API group of an `apiVersion`: `apps` of `apps/v1`, `` of `v1`. */
export function groupOf(apiVersion: string | undefined): string {
  const slash = apiVersion?.indexOf('/') ?? -1;
  return slash >= 0 ? apiVersion!.slice(0, slash) : '';
}

/** The kind of an object, as discovery describes it. */
export function kindOfObject(
  kinds: KindDescriptor[],
  object: Pick<KubeObject, 'apiVersion' | 'kind'>,
): KindDescriptor | undefined {
  return object.kind
    ? descriptorOf(kinds, groupOf(object.apiVersion), object.kind)
    : undefined;
}

/**
 * The kinds an object's controller likely makes, among those the cluster
 * serves and that can be listed: a Deployment's ReplicaSets, a
 * ReplicaSet's Pods, a CronJob's Jobs...
 */
export function childKinds(
  kinds: KindDescriptor[],
  parent: KindDescriptor,
): KindDescriptor[] {
  return (CHILD_KINDS[parent.kind] ?? [])
    .map(name => {
      const [group, kind] = name.split('/');
      return descriptorOf(kinds, group, kind);
    })
    .filter((k): k is KindDescriptor => Boolean(k?.verbs.includes('list')));
}

/** The objects among `candidates` that name `owner` in their owner references. */
export function ownedBy(
  candidates: KubeObject[],
  owner: KubeObject,
): KubeObject[] {
  const uid = owner.metadata.uid;
  return uid
    ? candidates.filter(o =>
        o.metadata.ownerReferences?.some(r => r.uid === uid),
      )
    : [];
}

/** The ref of an object of a kind on a cluster. */
export function refOf(
  cluster: string,
  kind: KindDescriptor,
  object: KubeObject,
): K8sOpsObjectRef {
  return {
    cluster,
    resource: resourceNameOf(kind),
    ...(kind.namespaced && object.metadata.namespace
      ? { namespace: object.metadata.namespace }
      : {}),
    name: object.metadata.name ?? '',
  };
}

/** One owner reference, and its ref when discovery knows its kind. */
export interface OwnerLink {
  kind: string;
  name: string;
  controller: boolean;
  ref?: K8sOpsObjectRef;
}

/** An object's owners; namespaced owners are in the object's namespace. */
export function ownersOf(
  cluster: string,
  kinds: KindDescriptor[],
  object: KubeObject,
): OwnerLink[] {
  return (object.metadata.ownerReferences ?? []).map(owner => {
    const kind = descriptorOf(kinds, groupOf(owner.apiVersion), owner.kind);
    return {
      kind: owner.kind,
      name: owner.name,
      controller: Boolean(owner.controller),
      ref: kind
        ? refOf(cluster, kind, {
            metadata: {
              name: owner.name,
              namespace: object.metadata.namespace,
            },
          })
        : undefined,
    };
  });
}

/**
 * A label selector that narrows the candidates of owned objects: the
 * parent's `spec.selector.matchLabels`, when that is all its selector says.
 * The owner uid decides in the end.
 */
export function narrowingSelector(parent: KubeObject): string | undefined {
  const selector = (
    parent.spec as
      | {
          selector?: {
            matchLabels?: Record<string, string>;
            matchExpressions?: unknown[];
          };
        }
      | undefined
  )?.selector;
  const labels = Object.entries(selector?.matchLabels ?? {});
  if (!labels.length || selector?.matchExpressions?.length) {
    return undefined;
  }
  return labels.map(([key, value]) => `${key}=${value}`).join(',');
}
