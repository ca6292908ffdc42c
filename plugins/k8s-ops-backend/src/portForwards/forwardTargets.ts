import {
  ConflictError,
  InputError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { KubeObject, PortForwardPort } from '@k8s-ops/plugin-k8s-ops-common';

type ContainerPort = { name?: string; containerPort?: number };
type Pod = KubeObject & {
  spec?: { containers?: Array<{ ports?: ContainerPort[] }> };
  status?: {
    phase?: string;
    conditions?: Array<{ type?: string; status?: string }>;
  };
};
type ServicePort = {
  name?: string;
  port?: number;
  targetPort?: number | string;
};
type Service = KubeObject & {
  spec?: { selector?: Record<string, string>; ports?: ServicePort[] };
};

/** Whether a pod runs, is ready and is not being deleted. */
export function isReadyPod(pod: KubeObject): boolean {
  const { status } = pod as Pod;
  return (
    !pod.metadata.deletionTimestamp &&
    status?.phase === 'Running' &&
    Boolean(
      status.conditions?.some(c => c.type === 'Ready' && c.status === 'True'),
    )
  );
}

/** The ports of a pod target: each port is the pod's own. */
export function podPorts(pod: KubeObject, ports: number[]): PortForwardPort[] {
  const phase = (pod as Pod).status?.phase;
  if (phase !== 'Running' || pod.metadata.deletionTimestamp) {
    throw new ConflictError(
      `Pod ${pod.metadata.namespace}/${pod.metadata.name} is ${
        pod.metadata.deletionTimestamp
          ? 'being deleted'
          : phase ?? 'not running'
      }: only a running pod forwards ports`,
    );
  }
  return ports.map(port => ({ port, podPort: port }));
}

/**
 * Resolves a Service to one of its ready pods (the oldest, so that a
 * session keeps the same pod while it lives) and each asked port of the
 * Service to the pod's port it targets, named target ports included.
 */
export function servicePodPorts(
  service: KubeObject,
  pods: Iterable<KubeObject>,
  ports: number[],
): { pod: KubeObject; ports: PortForwardPort[] } {
  const { spec } = service as Service;
  const name = `Service ${service.metadata.namespace}/${service.metadata.name}`;
  const selector = spec?.selector ?? {};
  if (Object.keys(selector).length === 0) {
    throw new InputError(
      `${name} has no selector, so no pod to forward to; forward to a pod instead`,
    );
  }
  const servicePorts = spec?.ports ?? [];
  const wanted = ports.map(port => {
    const match = servicePorts.find(p => p.port === port);
    if (!match) {
      throw new InputError(
        `${name} has no port ${port}; its ports are ${
          servicePorts.map(p => p.port).join(', ') || 'none'
        }`,
      );
    }
    return match;
  });
  const ready = [...pods]
    .filter(
      pod =>
        pod.metadata.namespace === service.metadata.namespace &&
        Object.entries(selector).every(
          ([key, value]) => pod.metadata.labels?.[key] === value,
        ) &&
        isReadyPod(pod),
    )
    .sort(
      (a, b) =>
        (a.metadata.creationTimestamp ?? '').localeCompare(
          b.metadata.creationTimestamp ?? '',
        ) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
    );
  if (ready.length === 0) {
    throw new ServiceUnavailableError(`${name} has no ready pod`);
  }
  const pod = ready[0];
  return {
    pod,
    ports: wanted.map(p => ({
      port: p.port!,
      podPort: podPortOf(pod as Pod, p),
    })),
  };
}

function podPortOf(pod: Pod, servicePort: ServicePort): number {
  const target = servicePort.targetPort ?? servicePort.port!;
  if (typeof target === 'number') {
    return target;
  }
  if (/^\d+$/.test(target)) {
    return Number(target);
  }
  for (const container of pod.spec?.containers ?? []) {
    const named = container.ports?.find(p => p.name === target);
    if (named?.containerPort) {
      return named.containerPort;
    }
  }
  throw new ConflictError(
    `Pod ${pod.metadata.namespace}/${pod.metadata.name} has no port named '${target}'`,
  );
}
