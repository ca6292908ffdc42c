import { environmentMapManifests, splitEnvironment } from '../environment';
import { KubeObject } from '../types';
import { labelKeyProblem, labelValueProblem } from '../validation';
import { ComposeError } from './ComposeError';
import {
  composeFileSchema,
  ComposeService,
  composeServiceSchema,
} from './composeSchema';
import {
  commandList,
  ComposePort,
  cpuQuantity,
  healthProbe,
  memoryQuantity,
  readKeyValues,
  readPorts,
} from './composeParts';
import {
  ComposeVariable,
  interpolate,
  referencedVariables,
} from './interpolate';
import { toDnsLabel, toLabelValue } from './names';

/**
 * How a Compose service is deployed, beyond what the file says.
 *
 * @public
 */
export interface ComposeDeployOptions {
  /** Overrides `deploy.replicas`; 1 when neither is given. */
  replicas?: number;
  /** The Service's type; ClusterIP unless given. */
  exposure?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /** Overrides `deploy.resources`. */
  resources?: {
    requests?: { cpu?: string; memory?: string };
    limits?: { cpu?: string; memory?: string };
  };
  imagePullSecret?: string;
  /** An HTTP path answering while the service is healthy: readiness and liveness probes on the first port. */
  healthCheckPath?: string;
  /** The name of the objects; `<project>-<service>` unless given. */
  name?: string;
  /** Labels the objects `backstage.io/kubernetes-id`, for a catalog entity's Kubernetes tab. */
  kubernetesId?: string;
  /** The size of the claims made for named volumes; 1Gi unless given. */
  volumeSize?: string;
}

/**
 * The objects a Compose service becomes.
 *
 * @public
 */
export interface ComposeManifests {
  /** The Compose service deployed. */
  service: string;
  /** The name of its Deployment and Service. */
  name: string;
  /** The selector labels of its pods. */
  selector: Record<string, string>;
  /** ConfigMap, Secret, PersistentVolumeClaims, Deployment, Service. */
  objects: KubeObject[];
}

const fieldOf = (service: string) => `services.${service}`;

function readFile(document: unknown) {
  const parsed = composeFileSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ComposeError(
      issue.path.join('.'),
      `${issue.message}; a Compose file has a services mapping`,
    );
  }
  return parsed.data;
}

/**
 * The services of a Compose file, in file order.
 *
 * @public
 */
export function composeServiceNames(document: unknown): string[] {
  return Object.keys(readFile(document).services);
}

function pickService(document: unknown, wanted?: string) {
  const file = readFile(document);
  const names = Object.keys(file.services);
  if (names.length === 0) {
    throw new ComposeError('services', 'the Compose file has no services');
  }
  const name = wanted ?? (names.length === 1 ? names[0] : undefined);
  if (!name) {
    throw new ComposeError(
      'service',
      `the Compose file has several services (${names.join(', ')}); pick one`,
    );
  }
  if (!Object.hasOwn(file.services, name)) {
    throw new ComposeError(
      'service',
      `the Compose file has no service '${name}' (it has ${names.join(', ')})`,
    );
  }
  return { project: file.name, name, raw: file.services[name] };
}

/**
 * The variables one service of a Compose file refers to, each once.
 *
 * @public
 */
export function composeVariables(
  document: unknown,
  service?: string,
): ComposeVariable[] {
  const { raw } = pickService(document, service);
  const byName = new Map<string, ComposeVariable>();
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      for (const variable of referencedVariables(value)) {
        const known = byName.get(variable.name);
        if (!known || (known.required && !variable.required)) {
          byName.set(variable.name, variable);
        }
      }
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(visit);
    }
  };
  visit(raw);
  return [...byName.values()];
}

function interpolateAll(
  value: unknown,
  variables: Record<string, string>,
  field: string,
): unknown {
  if (typeof value === 'string') {
    return interpolate(value, variables, field);
  }
  if (Array.isArray(value)) {
    return value.map((item, i) =>
      interpolateAll(item, variables, `${field}[${i}]`),
    );
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        interpolateAll(item, variables, `${field}.${key}`),
      ]),
    );
  }
  return value;
}

function refuseWhatCannotRun(service: ComposeService, field: string) {
  if (!service.image) {
    throw new ComposeError(
      `${field}.${service.build ? 'build' : 'image'}`,
      service.build
        ? 'building an image is not supported; give the image to deploy in image'
        : 'an image is required',
    );
  }
  if (service.env_file !== undefined) {
    throw new ComposeError(
      `${field}.env_file`,
      'env files are not read; put the variables in environment',
    );
  }
  if (service.network_mode === 'host') {
    throw new ComposeError(
      `${field}.network_mode`,
      'host networking is not allowed on Kubernetes here',
    );
  }
  if (service.privileged) {
    throw new ComposeError(
      `${field}.privileged`,
      'privileged containers are not allowed',
    );
  }
}

interface Mount {
  volume: Record<string, unknown>;
  mount: Record<string, unknown>;
  claim?: { name: string };
}

function readVolumes(
  service: ComposeService,
  field: string,
  appName: string,
): Mount[] {
  return (service.volumes ?? []).map((entry, i) => {
    const at = `${field}.volumes[${i}]`;
    const spec =
      typeof entry === 'string'
        ? (() => {
            const [source, target, mode] = entry.split(':');
            return target === undefined
              ? { type: 'volume', target: source }
              : {
                  type: /^[./~]/.test(source) ? 'bind' : 'volume',
                  source,
                  target,
                  read_only: mode === 'ro',
                };
          })()
        : { type: 'volume', ...entry };
    const volumeName = `vol-${i}`;
    const mount = {
      name: volumeName,
      mountPath: spec.target,
      ...(spec.read_only ? { readOnly: true } : {}),
    };
    if (spec.type === 'tmpfs') {
      return { volume: { name: volumeName, emptyDir: {} }, mount };
    }
    if (spec.type !== 'volume') {
      throw new ComposeError(
        at,
        `${spec.type} mounts of files from the host are not possible on Kubernetes; use a named volume`,
      );
    }
    if (!spec.source) {
      return { volume: { name: volumeName, emptyDir: {} }, mount };
    }
    const claim = toDnsLabel(`${appName}-${spec.source}`);
    return {
      volume: { name: volumeName, persistentVolumeClaim: { claimName: claim } },
      mount,
      claim: { name: claim },
    };
  });
}

function splitLabels(labels: Record<string, string>) {
  const valid: Record<string, string> = {};
  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    if (!labelKeyProblem(key) && !labelValueProblem(value)) {
      valid[key] = value;
    } else {
      annotations[key] = value;
    }
  }
  return { valid, annotations };
}

function resourcesOf(
  service: ComposeService,
  options: ComposeDeployOptions,
  field: string,
) {
  const at = `${field}.deploy.resources`;
  const amounts = (
    from: { cpus?: string; memory?: string } | undefined,
    which: string,
  ) => {
    const out: Record<string, string> = {};
    if (from?.cpus) {
      out.cpu = cpuQuantity(from.cpus, `${at}.${which}.cpus`);
    }
    if (from?.memory) {
      out.memory = memoryQuantity(from.memory, `${at}.${which}.memory`);
    }
    return Object.keys(out).length ? out : undefined;
  };
  const requests =
    options.resources?.requests ??
    amounts(service.deploy?.resources?.reservations, 'reservations');
  const limits =
    options.resources?.limits ??
    amounts(service.deploy?.resources?.limits, 'limits');
  return requests || limits
    ? { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) }
    : undefined;
}

function httpProbe(path: string, ports: ComposePort[]) {
  if (ports.length === 0) {
    throw new ComposeError(
      'options.healthCheckPath',
      'a health-check path needs a port to ask; the service has none',
    );
  }
  return {
    httpGet: { path, port: ports[0].container.name },
    periodSeconds: 10,
  };
}

/**
 * Turns one service of a parsed Compose file into Kubernetes objects for
 * a server-side apply: its environment split into a ConfigMap and a
 * Secret, a claim per named volume, a Deployment and, when it has ports,
 * a Service. Variables are resolved first; what cannot run on Kubernetes
 * is refused with a {@link ComposeError} naming the field.
 *
 * @public
 */
export function composeToManifests(request: {
  document: unknown;
  service?: string;
  namespace: string;
  variables?: Record<string, string>;
  options?: ComposeDeployOptions;
}): ComposeManifests {
  const variables = request.variables ?? {};
  const options = request.options ?? {};
  const picked = pickService(request.document, request.service);
  const field = fieldOf(picked.name);
  const parsed = composeServiceSchema.safeParse(
    interpolateAll(picked.raw, variables, field),
  );
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ComposeError(
      [field, ...issue.path].join('.').replace(/\.(\d+)(?=\.|$)/g, '[$1]'),
      issue.message,
    );
  }
  const service = parsed.data;
  refuseWhatCannotRun(service, field);

  const name = toDnsLabel(
    options.name ??
      (picked.project ? `${picked.project}-${picked.name}` : picked.name),
  );
  const selector = { 'app.kubernetes.io/name': name };
  const { valid: composeLabels, annotations } = splitLabels(
    readKeyValues(service.labels, {}),
  );
  const labels: Record<string, string> = {
    ...composeLabels,
    ...selector,
    'app.kubernetes.io/managed-by': 'k8s-ops',
    ...(picked.project
      ? { 'app.kubernetes.io/part-of': toLabelValue(picked.project) }
      : {}),
    ...(options.kubernetesId
      ? { 'backstage.io/kubernetes-id': toLabelValue(options.kubernetesId) }
      : {}),
  };
  const metadata = (objectName: string) => ({
    name: objectName,
    namespace: request.namespace,
    labels,
  });

  const ports = readPorts(service, field);
  const mounts = readVolumes(service, field, name);
  const environment = splitEnvironment(
    readKeyValues(service.environment, variables),
  );
  const envMaps = environmentMapManifests({
    name,
    namespace: request.namespace,
    environment,
    labels,
  }).filter(map => Object.keys(map.data as object).length > 0);

  const probe =
    (options.healthCheckPath && httpProbe(options.healthCheckPath, ports)) ||
    healthProbe(service.healthcheck, field);
  const resources = resourcesOf(service, options, field);
  const container: Record<string, unknown> = {
    name: toDnsLabel(picked.name),
    image: service.image,
    ...(service.entrypoint ? { command: commandList(service.entrypoint) } : {}),
    ...(service.command ? { args: commandList(service.command) } : {}),
    ...(service.working_dir ? { workingDir: service.working_dir } : {}),
    ...(ports.length
      ? {
          ports: [...new Set(ports.map(p => p.container))].map(c => ({
            name: c.name,
            containerPort: c.containerPort,
            protocol: ports.find(p => p.container === c)!.protocol,
          })),
        }
      : {}),
    ...(envMaps.length
      ? {
          envFrom: envMaps.map(map =>
            map.kind === 'Secret'
              ? { secretRef: { name: map.metadata.name } }
              : { configMapRef: { name: map.metadata.name } },
          ),
        }
      : {}),
    ...(resources ? { resources } : {}),
    ...(probe ? { readinessProbe: probe, livenessProbe: probe } : {}),
    ...(mounts.length ? { volumeMounts: mounts.map(m => m.mount) } : {}),
  };

  const claims: KubeObject[] = mounts
    .filter(m => m.claim)
    .map(m => ({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: metadata(m.claim!.name),
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: options.volumeSize ?? '1Gi' } },
      },
    }));

  const deployment: KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      ...metadata(name),
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    spec: {
      replicas: options.replicas ?? service.deploy?.replicas ?? 1,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels },
        spec: {
          containers: [container],
          ...(options.imagePullSecret
            ? { imagePullSecrets: [{ name: options.imagePullSecret }] }
            : {}),
          ...(mounts.length ? { volumes: mounts.map(m => m.volume) } : {}),
        },
      },
    },
  };
  const serviceObject: KubeObject[] = ports.length
    ? [
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: metadata(name),
          spec: {
            type: options.exposure ?? 'ClusterIP',
            selector,
            ports: ports.map(p => ({
              name: p.name,
              port: p.servicePort,
              targetPort: p.container.name,
              protocol: p.protocol,
            })),
          },
        },
      ]
    : [];
  return {
    service: picked.name,
    name,
    selector,
    objects: [...envMaps, ...claims, deployment, ...serviceObject],
  };
}
