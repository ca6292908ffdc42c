import { environmentMapManifests, splitEnvironment } from '../environment';
import { KubeObject } from '../types';
import { labelKeyProblem, labelValueProblem } from '../validation';
import { ComposeError } from './ComposeError';
import { ComposeService, composeServiceSchema } from './composeSchema';
import {
  commandList,
  ComposePort,
  cpuQuantity,
  healthProbe,
  memoryQuantity,
  readKeyValues,
  readPorts,
} from './composeParts';
import { fieldOf, interpolateAll, pickService } from './composeFile';
import { readVolumes } from './composeVolumes';
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
