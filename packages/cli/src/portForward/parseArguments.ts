/** What `k8s-ops port-forward` forwards to. */
export interface ForwardTarget {
  cluster: string;
  namespace: string;
  kind: 'pod' | 'service';
  name: string;
}

/** One port: where it listens here (0: a free port) and the remote port. */
export interface PortMapping {
  local: number;
  remote: number;
}

const KINDS: Record<string, 'pod' | 'service'> = {
  pod: 'pod',
  pods: 'pod',
  po: 'pod',
  svc: 'service',
  service: 'service',
  services: 'service',
};

/**
 * Parses `<cluster>/<namespace>/<pod>`, `<cluster>/<namespace>/pod/<name>`
 * or `<cluster>/<namespace>/svc/<name>`.
 */
export function parseTarget(text: string): ForwardTarget {
  const parts = text.split('/');
  const usage = `'${text}' is not a target: write <cluster>/<namespace>/<pod>, or <cluster>/<namespace>/svc/<service>`;
  if (parts.some(part => part === '')) {
    throw new Error(usage);
  }
  if (parts.length === 3) {
    const [cluster, namespace, name] = parts;
    return { cluster, namespace, kind: 'pod', name };
  }
  if (parts.length === 4 && KINDS[parts[2]]) {
    const [cluster, namespace, kind, name] = parts;
    return { cluster, namespace, kind: KINDS[kind], name };
  }
  throw new Error(usage);
}

/**
 * Parses a port as kubectl does: `5432` listens on 5432 here and reaches
 * 5432; `15432:5432` listens on 15432; `:5432` or `0:5432` on a free port.
 */
export function parsePort(text: string): PortMapping {
  const match = /^(\d*)(?::(\d+))?$/.exec(text);
  const check = (value: number) => {
    if (!Number.isInteger(value) || value > 65535) {
      throw new Error(`'${text}' has a port out of range (1 to 65535)`);
    }
    return value;
  };
  if (!match || (match[1] === '' && match[2] === undefined)) {
    throw new Error(
      `'${text}' is not a port: write 5432, 15432:5432, or :5432 for a free local port`,
    );
  }
  if (match[2] === undefined) {
    const port = check(Number(match[1]));
    if (port === 0) {
      throw new Error(`'${text}' names no remote port`);
    }
    return { local: port, remote: port };
  }
  const remote = check(Number(match[2]));
  if (remote === 0) {
    throw new Error(`'${text}' names no remote port`);
  }
  return { local: match[1] === '' ? 0 : check(Number(match[1])), remote };
}
