import { AppliedManifest } from './resources';

/**
 * What an infrastructure service is for; a catalog `Resource` takes it as
 * its type.
 *
 * @public
 */
export type InfraCategory =
  | 'database'
  | 'cache'
  | 'queue'
  | 'search'
  | 'storage';

/**
 * How a Service exposes an instance: by its cluster DNS name, on every
 * node, through a load balancer, or per pod behind a headless Service.
 *
 * @public
 */
export type InfraEndpointType =
  | 'ClusterIP'
  | 'NodePort'
  | 'LoadBalancer'
  | 'Headless';

/**
 * One address at which an instance answers.
 *
 * @public
 */
export interface InfraEndpoint {
  type: InfraEndpointType;
  /** The Service it comes from. */
  service: string;
  /** `host:port`, ready to paste. */
  address: string;
  port: number;
  portName?: string;
  /** For headless endpoints: the pod it reaches. */
  pod?: string;
}

/**
 * The object that runs an instance: a workload, or an operator's custom
 * resource.
 *
 * @public
 */
export interface InfraWorkload {
  kind: string;
  apiVersion: string;
  name: string;
  ready: number;
  desired: number;
  /** The image of the matched container, when there is one. */
  image?: string;
  /** From the image tag or the custom resource's spec. */
  version?: string;
}

/**
 * One running instance of a service type.
 *
 * @public
 */
export interface InfraInstance {
  namespace: string;
  /** The workload's or custom resource's name. */
  name: string;
  workload: InfraWorkload;
  /** What recognised it: `image`, `label`, `chart`, `operator`, `name+port`. */
  matchedBy: string[];
  endpoints: InfraEndpoint[];
  /** The Secret that probably holds its credentials; its name only. */
  credentialsSecret?: string;
  /** The labels of its pods, as a selector: `app=orders-db`. */
  labelSelector?: string;
}

/**
 * A service type as a scan answers it: found with its instances, or not.
 *
 * @public
 */
export interface InfraServiceResult {
  /** `postgresql`, `redis`, ... */
  type: string;
  title: string;
  category: InfraCategory;
  found: boolean;
  instances: InfraInstance[];
}

/**
 * A stored infrastructure scan of a namespace, or of every namespace.
 *
 * @public
 */
export interface InfraScan {
  cluster: string;
  /** Absent when every namespace was scanned. */
  namespace?: string;
  /** ISO 8601. */
  scannedAt: string;
  /** Entity ref of the person who scanned. */
  scannedBy: string;
  /** How long the scan took on the server. */
  durationMs: number;
  /** Every known service type, found or not. */
  services: InfraServiceResult[];
}

/**
 * Answer of `GET /infra-scans`.
 *
 * @public
 */
export interface InfraScanList {
  items: InfraScan[];
}

/**
 * Answer of `POST /clusters/:cluster/namespaces`.
 *
 * @public
 */
export interface NamespaceProvisionResponse {
  cluster: string;
  namespace: string;
  dryRun: boolean;
  /** Every manifest, with its diff against what exists. */
  manifests: AppliedManifest[];
}

/**
 * One variable of an environment map. A sensitive value is empty unless
 * the person may reveal it and asked to.
 *
 * @public
 */
export interface EnvMapVariable {
  name: string;
  value: string;
  sensitive: boolean;
  /** Set when the value is hidden. */
  masked?: boolean;
}

/**
 * An environment map: ConfigMap `<name>-config` and Secret `<name>-secrets`.
 *
 * @public
 */
export interface EnvMap {
  cluster: string;
  namespace: string;
  name: string;
  configMap: string;
  secret: string;
  variables: EnvMapVariable[];
}

/**
 * Answer of `POST /clusters/:cluster/namespaces/:namespace/envmaps`: the
 * diffs of the ConfigMap and the Secret (the Secret's never shows values).
 *
 * @public
 */
export interface EnvMapWriteResponse {
  cluster: string;
  namespace: string;
  name: string;
  dryRun: boolean;
  /** Names only, by where they go. */
  config: string[];
  secret: string[];
  manifests: AppliedManifest[];
}
