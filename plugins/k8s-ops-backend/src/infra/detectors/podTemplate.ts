import { KubeObject } from '@k8s-ops/plugin-k8s-ops-common';

/** The parts of a container a scan reads. */
export interface ContainerSpec {
  name: string;
  image?: string;
  ports?: Array<{ containerPort: number; name?: string }>;
  env?: Array<{
    name: string;
    valueFrom?: { secretKeyRef?: { name?: string } };
  }>;
  envFrom?: Array<{ secretRef?: { name?: string } }>;
}

/** The pod a workload makes, or a pod itself. */
export interface PodTemplate {
  labels: Record<string, string>;
  containers: ContainerSpec[];
  /** Secrets the pod reads: env, envFrom and volumes. */
  secretNames: string[];
}

type PodSpec = {
  containers?: ContainerSpec[];
  volumes?: Array<{ secret?: { secretName?: string } }>;
};

/** The pod template of a Deployment, StatefulSet or DaemonSet, or a Pod's own spec. */
export function podTemplateOf(object: KubeObject): PodTemplate {
  const template =
    object.kind === 'Pod'
      ? { metadata: object.metadata, spec: object.spec as PodSpec | undefined }
      : (
          object.spec as
            | {
                template?: {
                  metadata?: { labels?: Record<string, string> };
                  spec?: PodSpec;
                };
              }
            | undefined
        )?.template;
  const containers = template?.spec?.containers ?? [];
  const secretNames = new Set<string>();
  for (const container of containers) {
    for (const env of container.env ?? []) {
      const name = env.valueFrom?.secretKeyRef?.name;
      if (name) secretNames.add(name);
    }
    for (const from of container.envFrom ?? []) {
      if (from.secretRef?.name) secretNames.add(from.secretRef.name);
    }
  }
  for (const volume of template?.spec?.volumes ?? []) {
    if (volume.secret?.secretName) secretNames.add(volume.secret.secretName);
  }
  return {
    labels: template?.metadata?.labels ?? {},
    containers,
    secretNames: [...secretNames],
  };
}
