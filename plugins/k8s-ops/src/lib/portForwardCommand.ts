import { PortForwardTarget } from '@k8s-ops/plugin-k8s-ops-common';

/**
 * The command line that forwards the same ports to the person's machine,
 * each on a free local port: `yarn k8s-ops port-forward dev/shop/svc/web
 * :5432 --url ...`, with the token to give it.
 */
export function portForwardCommand(options: {
  cluster: string;
  namespace: string;
  target: PortForwardTarget;
  ports: number[];
  backendBaseUrl: string;
}): string {
  const { cluster, namespace, target, ports, backendBaseUrl } = options;
  const what = target.kind === 'service' ? `svc/${target.name}` : target.name;
  return [
    'K8S_OPS_TOKEN=<your Backstage token>',
    'yarn k8s-ops port-forward',
    `${cluster}/${namespace}/${what}`,
    ...ports.map(port => `:${port}`),
    `--url ${backendBaseUrl}`,
  ].join(' ');
}

/** The ports a pod's containers or a Service declare, to start with. */
export function declaredPorts(object: {
  kind?: string;
  spec?: unknown;
}): number[] {
  const spec = object.spec as
    | {
        ports?: Array<{ port?: number }>;
        containers?: Array<{ ports?: Array<{ containerPort?: number }> }>;
      }
    | undefined;
  const ports =
    object.kind === 'Service'
      ? (spec?.ports ?? []).map(p => p.port)
      : (spec?.containers ?? []).flatMap(c =>
          (c.ports ?? []).map(p => p.containerPort),
        );
  return [...new Set(ports.filter((p): p is number => typeof p === 'number'))];
}

/** Parses `5432, 8080` into ports, or says what is wrong. */
export function parsePortList(
  text: string,
): { ports: number[] } | { problem: string } {
  const items = text
    .split(/[\s,]+/)
    .map(item => item.trim())
    .filter(Boolean);
  if (items.length === 0) {
    return { problem: 'Enter at least one port' };
  }
  const ports: number[] = [];
  for (const item of items) {
    const port = Number(item);
    if (!/^\d+$/.test(item) || port < 1 || port > 65535) {
      return { problem: `'${item}' is not a port (1 to 65535)` };
    }
    ports.push(port);
  }
  return { ports };
}
