import { KubeObject } from '../types';

type Named = { name?: string };
type PodSpec = {
  volumes?: Array<{
    configMap?: Named;
    secret?: { secretName?: string };
    persistentVolumeClaim?: { claimName?: string };
    projected?: {
      sources?: Array<{ configMap?: Named; secret?: Named }>;
    };
  }>;
  containers?: Container[];
  initContainers?: Container[];
  serviceAccountName?: string;
  nodeName?: string;
};
type Container = {
  env?: Array<{
    valueFrom?: { configMapKeyRef?: Named; secretKeyRef?: Named };
  }>;
  envFrom?: Array<{ configMapRef?: Named; secretRef?: Named }>;
};

/** What a pod spec refers to by name, in its namespace. */
export interface PodSpecReferences {
  configMaps: Set<string>;
  secrets: Set<string>;
  claims: Set<string>;
  serviceAccount?: string;
  node?: string;
}

/**
 * The pod spec of a Pod, of a workload's template, or of a CronJob's job
 * template; undefined for other kinds.
 */
export function podSpecOf(object: KubeObject): PodSpec | undefined {
  const spec = object.spec as
    | (PodSpec & {
        template?: { spec?: PodSpec };
        jobTemplate?: { spec?: { template?: { spec?: PodSpec } } };
      })
    | undefined;
  if (!spec) {
    return undefined;
  }
  if (object.kind === 'Pod') {
    return spec;
  }
  return spec.template?.spec ?? spec.jobTemplate?.spec?.template?.spec;
}

/** The ConfigMaps, Secrets, claims, service account and node of a pod spec. */
export function podSpecReferences(spec: PodSpec): PodSpecReferences {
  const refs: PodSpecReferences = {
    configMaps: new Set(),
    secrets: new Set(),
    claims: new Set(),
    serviceAccount: spec.serviceAccountName,
    node: spec.nodeName,
  };
  const add = (set: Set<string>, name: string | undefined) => {
    if (name) {
      set.add(name);
    }
  };
  for (const volume of spec.volumes ?? []) {
    add(refs.configMaps, volume.configMap?.name);
    add(refs.secrets, volume.secret?.secretName);
    add(refs.claims, volume.persistentVolumeClaim?.claimName);
    for (const source of volume.projected?.sources ?? []) {
      add(refs.configMaps, source.configMap?.name);
      add(refs.secrets, source.secret?.name);
    }
  }
  for (const c of [
    ...(spec.containers ?? []),
    ...(spec.initContainers ?? []),
  ]) {
    for (const env of c.env ?? []) {
      add(refs.configMaps, env.valueFrom?.configMapKeyRef?.name);
      add(refs.secrets, env.valueFrom?.secretKeyRef?.name);
    }
    for (const from of c.envFrom ?? []) {
      add(refs.configMaps, from.configMapRef?.name);
      add(refs.secrets, from.secretRef?.name);
    }
  }
  return refs;
}

/** A Kubernetes `LabelSelector` as selector text for `parseLabelSelector`. */
export function labelSelectorText(selector: {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
}): string {
  const terms = Object.entries(selector.matchLabels ?? {}).map(
    ([k, v]) => `${k}=${v}`,
  );
  for (const e of selector.matchExpressions ?? []) {
    const values = `(${(e.values ?? []).join(',')})`;
    if (e.operator === 'In') {
      terms.push(`${e.key} in ${values}`);
    } else if (e.operator === 'NotIn') {
      terms.push(`${e.key} notin ${values}`);
    } else if (e.operator === 'Exists') {
      terms.push(e.key);
    } else if (e.operator === 'DoesNotExist') {
      terms.push(`!${e.key}`);
    }
  }
  return terms.join(',');
}
