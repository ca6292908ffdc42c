import {
  InfraInstance,
  InfraServiceResult,
  KubeObject,
} from '@k8s-ops/plugin-k8s-ops-common';
import { credentialsSecret, SecretName } from './credentialsSecret';
import { endpointsOf, PodObject, selects, ServiceObject } from './endpoints';
import { parseImage, versionOfTag } from './imageRef';
import { PodLabelIndex } from './PodLabelIndex';
import { podTemplateOf } from './podTemplate';
import { recognizeWorkload } from './recognizeWorkload';
import { OperatorRule, ServiceTypeRule } from './serviceTypes';

/** The custom resources of one operator rule, as the cache holds them. */
export interface OperatorObjects {
  rule: ServiceTypeRule;
  operator: OperatorRule;
  objects: KubeObject[];
}

/** What a scan reads, from the watch cache, already limited to its namespaces. */
export interface ScanObjects {
  /** Deployments, StatefulSets, and pods. */
  deployments: KubeObject[];
  statefulSets: KubeObject[];
  pods: KubeObject[];
  services: KubeObject[];
  nodes: KubeObject[];
  /** Names and types only. */
  secrets: Array<SecretName & { namespace: string }>;
  operators: OperatorObjects[];
}

/**
 * Recognises every infrastructure service among the objects and answers
 * each service type, found or not, with its instances.
 */
export function scanObjects(
  input: ScanObjects,
  rules: ServiceTypeRule[],
): InfraServiceResult[] {
  const byNamespace = {
    pods: groupByNamespace(input.pods as PodObject[]),
    services: groupByNamespace(input.services as ServiceObject[]),
    secrets: groupByNamespace(
      input.secrets.map(s => ({ ...s, metadata: { namespace: s.namespace } })),
    ),
  };
  const nodeIps = new Map<string, string>();
  for (const node of input.nodes) {
    const address = (
      node.status as { addresses?: Array<{ type: string; address: string }> }
    )?.addresses?.find(a => a.type === 'InternalIP');
    if (node.metadata.name && address) {
      nodeIps.set(node.metadata.name, address.address);
    }
  }
  const podsByLabel = new PodLabelIndex(input.pods as PodObject[]);
  const found = new Map<string, InfraInstance[]>();
  const add = (rule: ServiceTypeRule, instance: InfraInstance) => {
    const instances = found.get(rule.type);
    if (instances) instances.push(instance);
    else found.set(rule.type, [instance]);
  };
  const secretsOf = (namespace: string) =>
    byNamespace.secrets.get(namespace) ?? [];

  // Operators first: the workloads and pods they make belong to them.
  const operatorOwned = new Set<string>();
  for (const { rule, operator, objects } of input.operators) {
    for (const object of objects) {
      const namespace = object.metadata.namespace ?? '';
      const name = object.metadata.name ?? '';
      const belongs = (o: KubeObject) =>
        o.metadata.ownerReferences?.some(r => r.uid === object.metadata.uid) ||
        (operator.instanceLabel !== undefined &&
          o.metadata.labels?.[operator.instanceLabel] === name);
      const pods = (byNamespace.pods.get(namespace) ?? []).filter(belongs);
      for (const w of [...input.deployments, ...input.statefulSets]) {
        if (w.metadata.namespace === namespace && belongs(w)) {
          operatorOwned.add(w.metadata.uid ?? '');
        }
      }
      pods.forEach(p => operatorOwned.add(p.metadata.uid ?? ''));
      const services = (byNamespace.services.get(namespace) ?? []).filter(
        s =>
          belongs(s) ||
          (operator.instanceLabel !== undefined &&
            s.spec?.selector?.[operator.instanceLabel] === name) ||
          s.metadata.name === name ||
          s.metadata.name?.startsWith(`${name}-`),
      );
      const version = valueAt(object, operator.versionPaths);
      add(rule, {
        namespace,
        name,
        workload: {
          kind: object.kind ?? operator.kind,
          apiVersion: object.apiVersion ?? '',
          name,
          ready: numberAt(object, operator.readyPaths) ?? readyPods(pods),
          desired: numberAt(object, operator.desiredPaths) ?? pods.length,
          version: version?.includes(':')
            ? parseImage(version).version
            : versionOfTag(version) ?? version,
        },
        matchedBy: ['operator'],
        labelSelector: operator.instanceLabel
          ? `${operator.instanceLabel}=${name}`
          : undefined,
        endpoints: services.flatMap(s => endpointsOf(s, pods, nodeIps)),
        credentialsSecret: credentialsSecret(name, [], secretsOf(namespace)),
      });
    }
  }

  const standalonePods = input.pods.filter(
    p => !p.metadata.ownerReferences?.length,
  );
  for (const workload of [
    ...input.deployments,
    ...input.statefulSets,
    ...standalonePods,
  ]) {
    if (operatorOwned.has(workload.metadata.uid ?? '')) continue;
    const namespace = workload.metadata.namespace ?? '';
    const template = podTemplateOf(workload);
    let services: ServiceObject[] | undefined;
    const servicesOf = () =>
      (services ??= (byNamespace.services.get(namespace) ?? []).filter(s =>
        selects(s.spec?.selector, template.labels),
      ));
    const recognition = recognizeWorkload(
      workload,
      template,
      () => servicesOf().flatMap(s => s.spec?.ports?.map(p => p.port) ?? []),
      rules,
    );
    if (!recognition) continue;
    const pods =
      workload.kind === 'Pod'
        ? [workload as PodObject]
        : podsByLabel.select(namespace, selectorOf(workload));
    const image = recognition.container?.image;
    const name = workload.metadata.name ?? '';
    add(recognition.rule, {
      namespace,
      name,
      workload: {
        kind: workload.kind ?? '',
        apiVersion: workload.apiVersion ?? '',
        name,
        ...replicasOf(workload),
        image,
        version: image ? parseImage(image).version : undefined,
      },
      matchedBy: recognition.matchedBy,
      labelSelector: selectorText(
        workload.kind === 'Pod'
          ? workload.metadata.labels
          : selectorOf(workload),
      ),
      endpoints: servicesOf().flatMap(s => endpointsOf(s, pods, nodeIps)),
      credentialsSecret: credentialsSecret(
        name,
        template.secretNames,
        secretsOf(namespace),
      ),
    });
  }

  return rules.map(rule => {
    const instances = (found.get(rule.type) ?? []).sort(
      (a, b) =>
        a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
    );
    return {
      type: rule.type,
      title: rule.title,
      category: rule.category,
      found: instances.length > 0,
      instances,
    };
  });
}

function groupByNamespace<T extends { metadata: { namespace?: string } }>(
  objects: T[],
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const object of objects) {
    const namespace = object.metadata.namespace ?? '';
    let group = groups.get(namespace);
    if (!group) {
      group = [];
      groups.set(namespace, group);
    }
    group.push(object);
  }
  return groups;
}

function selectorOf(workload: KubeObject) {
  return (
    workload.spec as
      | { selector?: { matchLabels?: Record<string, string> } }
      | undefined
  )?.selector?.matchLabels;
}

function selectorText(labels: Record<string, string> | undefined) {
  const pairs = Object.entries(labels ?? {});
  return pairs.length
    ? pairs.map(([k, v]) => `${k}=${v}`).join(',')
    : undefined;
}

function replicasOf(workload: KubeObject): { ready: number; desired: number } {
  if (workload.kind === 'Pod') {
    return { ready: readyPods([workload as PodObject]), desired: 1 };
  }
  const spec = workload.spec as { replicas?: number } | undefined;
  const status = workload.status as { readyReplicas?: number } | undefined;
  return { ready: status?.readyReplicas ?? 0, desired: spec?.replicas ?? 1 };
}

function readyPods(pods: PodObject[]): number {
  return pods.filter(p =>
    p.status?.conditions?.some(c => c.type === 'Ready' && c.status === 'True'),
  ).length;
}

function valueAt(object: KubeObject, paths: string[] = []) {
  for (const path of paths) {
    let value: unknown = object;
    for (const key of path.split('.')) {
      value = (value as Record<string, unknown> | undefined)?.[key];
    }
    if (typeof value === 'string' || typeof value === 'number') {
      return String(value);
    }
  }
  return undefined;
}

function numberAt(object: KubeObject, paths: string[] = []) {
  const value = valueAt(object, paths);
  return value === undefined || Number.isNaN(Number(value))
    ? undefined
    : Number(value);
}
