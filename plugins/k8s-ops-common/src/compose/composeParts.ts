import { ComposeError } from './ComposeError';
import { ComposeService } from './composeSchema';
import { PortNames } from './names';

/** A port the Service answers on, and the named port of the container it reaches. */
export interface ComposePort {
  name: string;
  servicePort: number;
  protocol: 'TCP' | 'UDP' | 'SCTP';
  container: { name: string; containerPort: number };
}

const PROTOCOLS = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP' } as const;

function portNumber(text: string, field: string): number {
  if (!/^\d+$/.test(text)) {
    throw new ComposeError(
      field,
      `'${text}' is not a port number${
        text.includes('-') ? ' (port ranges are not supported)' : ''
      }`,
    );
  }
  const port = Number(text);
  if (port < 1 || port > 65535) {
    throw new ComposeError(field, `${port} is not a port between 1 and 65535`);
  }
  return port;
}

function protocolOf(text: string | undefined, field: string) {
  const protocol = PROTOCOLS[(text ?? 'tcp').toLowerCase() as 'tcp'];
  if (!protocol) {
    throw new ComposeError(field, `'${text}' is not tcp, udp or sctp`);
  }
  return protocol;
}

/**
 * Ports in short syntax (`3000`, `8080:3000`, `127.0.0.1:8080:3000/udp`)
 * and long syntax (`{ target, published, protocol, name }`), then `expose`.
 */
export function readPorts(
  service: ComposeService,
  field: string,
): ComposePort[] {
  const serviceNames = new PortNames();
  const containerNames = new PortNames();
  const containerPorts = new Map<string, ComposePort['container']>();
  const ports: ComposePort[] = [];
  const add = (
    target: number,
    published: number | undefined,
    protocol: ComposePort['protocol'],
    wanted?: string,
  ) => {
    const servicePort = published ?? target;
    const proto = protocol.toLowerCase();
    if (
      ports.some(p => p.servicePort === servicePort && p.protocol === protocol)
    ) {
      return;
    }
    // Several published ports may reach one port of the container.
    const key = `${target}/${protocol}`;
    const container = containerPorts.get(key) ?? {
      name: containerNames.take(wanted, `${proto}-${target}`),
      containerPort: target,
    };
    containerPorts.set(key, container);
    ports.push({
      name: serviceNames.take(wanted, `${proto}-${servicePort}`),
      servicePort,
      protocol,
      container,
    });
  };
  (service.ports ?? []).forEach((port, i) => {
    const at = `${field}.ports[${i}]`;
    if (typeof port === 'string') {
      const [spec, proto] = port.split('/');
      // The host address, if any, comes first and may itself hold colons.
      const parts = spec.replace(/^\[[^\]]*\]:/, '').split(':');
      const target = parts.pop() ?? '';
      const published = parts.pop();
      add(
        portNumber(target, at),
        published ? portNumber(published, at) : undefined,
        protocolOf(proto, at),
      );
      return;
    }
    add(
      port.target,
      port.published
        ? portNumber(port.published, `${at}.published`)
        : undefined,
      protocolOf(port.protocol, `${at}.protocol`),
      port.name,
    );
  });
  (service.expose ?? []).forEach((port, i) => {
    const at = `${field}.expose[${i}]`;
    const [target, proto] = port.split('/');
    add(portNumber(target, at), undefined, protocolOf(proto, at));
  });
  return ports;
}

/** `KEY=value` lists and maps; a name without a value takes the variable of that name. */
export function readKeyValues(
  value: ComposeService['environment'],
  variables: Record<string, string>,
): Record<string, string> {
  if (!value) {
    return {};
  }
  if (Array.isArray(value)) {
    const out: Record<string, string> = {};
    for (const item of value) {
      const eq = item.indexOf('=');
      if (eq >= 0) {
        out[item.slice(0, eq)] = item.slice(eq + 1);
      } else if (Object.hasOwn(variables, item)) {
        out[item] = variables[item];
      }
    }
    return out;
  }
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== null) {
      out[key] = String(item);
    } else if (Object.hasOwn(variables, key)) {
      out[key] = variables[key];
    }
  }
  return out;
}

// Characters that make a command text need a shell to mean what it says.
const SHELL_SYNTAX = /["'\\$`|&;<>(){}*?~#\n]/;

/**
 * A command as a list: a list stays as it is; a plain text is split on
 * spaces, and text with quotes or shell syntax runs under `sh -c`.
 */
export function commandList(value: string | string[]): string[] {
  if (Array.isArray(value)) {
    return value;
  }
  return SHELL_SYNTAX.test(value)
    ? ['sh', '-c', value]
    : value.split(/\s+/).filter(Boolean);
}

const DURATION = /(\d+(?:\.\d+)?)(us|ms|s|m|h)/g;
const UNIT_SECONDS = { us: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** A Compose duration (`1m30s`, `500ms`) in whole seconds, at least 1. */
export function durationSeconds(text: string, field: string): number {
  const trimmed = text.trim();
  const total = [...trimmed.matchAll(DURATION)];
  if (total.map(m => m[0]).join('') !== trimmed || total.length === 0) {
    throw new ComposeError(
      field,
      `'${text}' is not a duration like 30s or 1m30s`,
    );
  }
  const seconds = total.reduce(
    (sum, [, amount, unit]) =>
      sum + Number(amount) * UNIT_SECONDS[unit as keyof typeof UNIT_SECONDS],
    0,
  );
  return Math.max(1, Math.ceil(seconds));
}

/** A Compose `healthcheck` as an exec probe; none when disabled or `NONE`. */
export function healthProbe(
  check: ComposeService['healthcheck'],
  field: string,
): Record<string, unknown> | undefined {
  if (!check || check.disable || !check.test) {
    return undefined;
  }
  const test = check.test;
  let command: string[];
  if (typeof test === 'string') {
    command = ['sh', '-c', test];
  } else if (test[0] === 'NONE') {
    return undefined;
  } else if (test[0] === 'CMD') {
    command = test.slice(1);
  } else if (test[0] === 'CMD-SHELL') {
    command = ['sh', '-c', test.slice(1).join(' ')];
  } else {
    throw new ComposeError(
      `${field}.healthcheck.test`,
      'must start with CMD, CMD-SHELL or NONE',
    );
  }
  const at = `${field}.healthcheck`;
  return {
    exec: { command },
    periodSeconds: check.interval
      ? durationSeconds(check.interval, `${at}.interval`)
      : 30,
    timeoutSeconds: check.timeout
      ? durationSeconds(check.timeout, `${at}.timeout`)
      : 30,
    failureThreshold: check.retries || 3,
    initialDelaySeconds: check.start_period
      ? durationSeconds(check.start_period, `${at}.start_period`)
      : 0,
  };
}

const MEMORY = /^(\d+(?:\.\d+)?)\s*([bkmg]?)b?$/i;
const MEMORY_UNITS = { '': '', b: '', k: 'Ki', m: 'Mi', g: 'Gi' };

/** Compose memory (`512m`, `1g`, bytes) as a Kubernetes quantity. */
export function memoryQuantity(text: string, field: string): string {
  const match = MEMORY.exec(text.trim());
  if (!match) {
    throw new ComposeError(
      field,
      `'${text}' is not an amount of memory like 512m or 1g`,
    );
  }
  const unit =
    MEMORY_UNITS[match[2].toLowerCase() as keyof typeof MEMORY_UNITS];
  if (match[1].includes('.')) {
    // Kubernetes quantities take no fractions of binary units; go one down.
    const lower = { Ki: '', Mi: 'Ki', Gi: 'Mi', '': '' }[unit];
    return `${Math.round(Number(match[1]) * (unit ? 1024 : 1))}${lower}`;
  }
  return `${match[1]}${unit}`;
}

/** Compose CPUs (`0.5`, `2`) as a Kubernetes quantity (`500m`, `2`). */
export function cpuQuantity(text: string, field: string): string {
  if (!/^\d+(\.\d+)?$/.test(text.trim())) {
    throw new ComposeError(field, `'${text}' is not a number of CPUs like 0.5`);
  }
  const millis = Math.round(Number(text) * 1000);
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}
