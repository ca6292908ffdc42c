import { InfraEndpoint, KubeObject } from '@k8s-ops/plugin-k8s-ops-common';

/** The parts of a Service endpoints are made of. */
export type ServiceObject = KubeObject & {
  spec?: {
    type?: string;
    clusterIP?: string;
    selector?: Record<string, string>;
    ports?: Array<{ name?: string; port: number; nodePort?: number }>;
  };
  status?: {
    loadBalancer?: { ingress?: Array<{ ip?: string; hostname?: string }> };
  };
};

/** The parts of a Pod endpoints are made of. */
export type PodObject = KubeObject & {
  spec?: { nodeName?: string; hostname?: string; subdomain?: string };
  status?: {
    podIP?: string;
    conditions?: Array<{ type: string; status: string }>;
  };
};

/**
 * The addresses of an instance through one Service: ClusterIP
 * `name.namespace.svc.cluster.local:port`, NodePort `<node InternalIP>:<nodePort>`
 * (the nodes that run the instance's pods, else the first node), LoadBalancer
 * `<ingress ip or hostname>:<port>`, and for a headless Service one per pod.
 */
export function endpointsOf(
  service: ServiceObject,
  pods: PodObject[],
  nodeIps: Map<string, string>,
): InfraEndpoint[] {
  const name = service.metadata.name ?? '';
  const namespace = service.metadata.namespace ?? '';
  const spec = service.spec ?? {};
  const type = spec.type ?? 'ClusterIP';
  const dns = `${name}.${namespace}.svc.cluster.local`;
  const endpoints: InfraEndpoint[] = [];
  if (type === 'ExternalName') {
    return endpoints;
  }
  for (const port of spec.ports ?? []) {
    const base = { service: name, port: port.port, portName: port.name };
    if (spec.clusterIP === 'None') {
      for (const pod of pods) {
        const host = podAddress(pod, name, namespace);
        if (host) {
          endpoints.push({
            ...base,
            type: 'Headless',
            address: `${host}:${port.port}`,
            pod: pod.metadata.name,
          });
        }
      }
      continue;
    }
    endpoints.push({
      ...base,
      type: 'ClusterIP',
      address: `${dns}:${port.port}`,
    });
    if (type === 'NodePort' && port.nodePort) {
      for (const ip of nodeAddresses(pods, nodeIps)) {
        endpoints.push({
          ...base,
          type: 'NodePort',
          port: port.nodePort,
          address: `${ip}:${port.nodePort}`,
        });
      }
    }
    if (type === 'LoadBalancer') {
      for (const ingress of service.status?.loadBalancer?.ingress ?? []) {
        const host = ingress.ip ?? ingress.hostname;
        if (host) {
          endpoints.push({
            ...base,
            type: 'LoadBalancer',
            address: `${host}:${port.port}`,
          });
        }
      }
    }
  }
  return endpoints;
}

/**
 * A pod behind a headless Service: by its DNS name when it has a stable
 * one (a StatefulSet's pods, or a hostname), else by its IP.
 */
function podAddress(pod: PodObject, service: string, namespace: string) {
  const stable =
    pod.metadata.ownerReferences?.some(o => o.kind === 'StatefulSet') ||
    pod.spec?.subdomain === service;
  if (stable) {
    const host = pod.spec?.hostname ?? pod.metadata.name;
    return `${host}.${service}.${namespace}.svc.cluster.local`;
  }
  return pod.status?.podIP;
}

function nodeAddresses(pods: PodObject[], nodeIps: Map<string, string>) {
  const ips = new Set<string>();
  for (const pod of pods) {
    const ip = pod.spec?.nodeName && nodeIps.get(pod.spec.nodeName);
    if (ip) ips.add(ip);
  }
  if (ips.size === 0) {
    const [first] = nodeIps.values();
    if (first) ips.add(first);
  }
  return [...ips].sort();
}

/** Whether every pair of a selector is among the labels; an empty selector selects nothing. */
export function selects(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  const pairs = Object.entries(selector ?? {});
  return (
    pairs.length > 0 && pairs.every(([key, value]) => labels?.[key] === value)
  );
}
