import {
  AuditorService,
  DatabaseService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
  UserInfoService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { readFile } from 'node:fs/promises';
import { AuditLog } from './audit/AuditLog';
import { AuditStore } from './audit/AuditStore';
import { AuthorizedAuditStore } from './audit/AuthorizedAuditStore';
import { DatabaseAuditStore } from './audit/DatabaseAuditStore';
import { WatchCache } from './cache/WatchCache';
import { AuthorizedChangeFeed } from './changes/AuthorizedChangeFeed';
import { AuthorizedClusterRegistrar } from './clusterApi/AuthorizedClusterRegistrar';
import { AuthorizedClusterRegistry } from './clusterApi/AuthorizedClusterRegistry';
import { ClusterHealthMonitor } from './clusters/ClusterHealthMonitor';
import { ClusterRegistrar } from './clusters/ClusterRegistrar';
import { ClusterRegistry } from './clusters/ClusterRegistry';
import { ConfigClusterSource } from './clusters/ConfigClusterSource';
import { CredentialCipher } from './clusters/CredentialCipher';
import { DatabaseClusterHealthStore } from './clusters/DatabaseClusterHealthStore';
import { DatabaseClusterStore } from './clusters/DatabaseClusterStore';
import {
  InClusterSource,
  KubeconfigFileSource,
} from './clusters/KubeconfigFileSource';
import { RegisteredClusterSource } from './clusters/RegisteredClusterSource';
import { K8sOpsConfig, readK8sOpsConfig } from './config';
import { applyMigrations } from './database/applyMigrations';
import { EnvMapper } from './deploy/EnvMapper';
import { NamespaceProvisioner } from './deploy/NamespaceProvisioner';
import { AuthorizedInfraScans } from './infra/AuthorizedInfraScans';
import { DatabaseInfraScanStore } from './infra/DatabaseInfraScanStore';
import { forgetScansOfRemovedClusters } from './infra/forgetScansOfRemovedClusters';
import { InfraScanner } from './infra/InfraScanner';
import { DiscoveryCache } from './kube/DiscoveryCache';
import { KubeClientFactory } from './kube/KubeClientFactory';
import { Impersonator } from './permissions/Impersonator';
import { RequestAuthorizer } from './permissions/RequestAuthorizer';
import { AuthorizedResourceChanges } from './resources/AuthorizedResourceChanges';
import { AuthorizedResourceService } from './resources/AuthorizedResourceService';
import { AuthorizedManifestSet } from './resources/AuthorizedManifestSet';
import { CachePrewarmer } from './resources/CachePrewarmer';
import { ChangeGuard } from './resources/ChangeGuard';
import { ResourceService } from './resources/ResourceService';
import { AuthorizedWorkloadsService } from './workloads/AuthorizedWorkloadsService';
import { entityCustomResourcesOf } from './workloads/entityCustomResources';
import { AuthorizedRelations } from './relations/AuthorizedRelations';
import { AuthorizedSearch } from './search/AuthorizedSearch';
import { SearchIndex } from './search/SearchIndex';
import { AuthorizedExecService } from './streams/AuthorizedExecService';
import { AuthorizedLogService } from './streams/AuthorizedLogService';
import { LogStreamer } from './streams/LogStreamer';
import { NodeShell } from './streams/NodeShell';
import { AuthorizedPortForwards } from './portForwards/AuthorizedPortForwards';
import { DatabasePortForwardStore } from './portForwards/DatabasePortForwardStore';
import { PortForwardManager } from './portForwards/PortForwardManager';
import { AuthorizedDeployer } from './deploy/AuthorizedDeployer';
import { DatabaseDeployStore } from './deploy/DatabaseDeployStore';
import { DatabaseJobStore } from './deploy/DatabaseJobStore';
import { JobRunner } from './deploy/JobRunner';
import { readDeployConfig } from './deploy/readDeployConfig';
import { RolloutTracker } from './deploy/RolloutTracker';

/** The plugin's services, as `plugin.ts` wires them. */
export interface K8sOpsServices {
  config: K8sOpsConfig;
  version: string;
  /** Lower layers, for background work. */
  registry: ClusterRegistry;
  cache: WatchCache;
  clients: KubeClientFactory;
  resourceService: ResourceService;
  health: ClusterHealthMonitor;
  prewarmer: CachePrewarmer;
  audit: AuditLog;
  auditStore: AuditStore;
  /** What the routers see: only the authorized services. */
  clusters: AuthorizedClusterRegistry;
  registrar: AuthorizedClusterRegistrar;
  resources: AuthorizedResourceService;
  resourceChanges: AuthorizedResourceChanges;
  /** Sets of objects applied as one audited change (namespaces, deploys). */
  manifests: AuthorizedManifestSet;
  workloads: AuthorizedWorkloadsService;
  infraScans: AuthorizedInfraScans;
  provisioner: NamespaceProvisioner;
  envMaps: EnvMapper;
  /** Compose deploys, their history and rollouts. */
  deployer: AuthorizedDeployer;
  rollouts: RolloutTracker;
  /** One-off jobs and their kept logs. */
  jobs: JobRunner;
  changes: AuthorizedChangeFeed;
  auditReader: AuthorizedAuditStore;
  /** Started at start-up unless `k8sOps.search.enabled` is false. */
  searchIndex: SearchIndex;
  search: AuthorizedSearch;
  relations: AuthorizedRelations;
  logs: AuthorizedLogService;
  exec: AuthorizedExecService;
  /** Node terminals' debug pods, for their scheduled cleanup. */
  nodeShell: NodeShell;
  portForwardManager: PortForwardManager;
  portForwards: AuthorizedPortForwards;
}

/** Builds the plugin's services from Backstage's core services. */
export async function createServices(deps: {
  config: RootConfigService;
  database: DatabaseService;
  logger: LoggerService;
  auditor: AuditorService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  userInfo: UserInfoService;
}): Promise<K8sOpsServices> {
  const config = readK8sOpsConfig(deps.config);
  const db = await applyMigrations(deps.database);
  const auditStore = new DatabaseAuditStore(db);
  const audit = new AuditLog({
    auditor: deps.auditor,
    store: auditStore,
    logger: deps.logger,
  });
  const cipher = config.encryptionKeys.length
    ? CredentialCipher.fromKeys(config.encryptionKeys)
    : undefined;
  const clusterStore = new DatabaseClusterStore(db);
  const registered = new RegisteredClusterSource({
    store: clusterStore,
    cipher,
    logger: deps.logger,
  });
  const registry = new ClusterRegistry(
    [
      new ConfigClusterSource(deps.config),
      KubeconfigFileSource.fromConfig(deps.config),
      InClusterSource.fromConfig(deps.config),
      registered,
    ].filter(<T>(s: T | undefined): s is T => Boolean(s)),
    { logger: deps.logger, readOnly: config.readOnly },
  );
  const healthStore = new DatabaseClusterHealthStore(db);
  const clients = new KubeClientFactory({
    events: registry,
    client: {
      requestTimeoutMs: config.timeouts.readMs,
      mutationTimeoutMs: config.timeouts.mutationMs,
      watchInactivityMs: config.timeouts.watchInactivityMs,
    },
  });
  const discovery = new DiscoveryCache({
    events: registry,
    timeoutMs: config.timeouts.discoveryMs,
  });
  const cache = new WatchCache({
    logger: deps.logger,
    events: registry,
    clients,
    watcher: { readyTimeoutMs: config.timeouts.firstListMs },
  });
  const resourceService = new ResourceService({
    registry,
    clients,
    discovery,
    cache,
    readOnly: config.readOnly,
  });
  const authorizer = new RequestAuthorizer(deps);
  const nodeShell = new NodeShell({
    registry,
    clients,
    logger: deps.logger,
    settings: config.terminal.nodeShell,
  });
  const impersonator = new Impersonator(deps.userInfo);
  const guard = new ChangeGuard({
    audit,
    impersonator,
    readOnly: config.readOnly,
  });
  const health = new ClusterHealthMonitor({
    registry,
    clients,
    store: healthStore,
    logger: deps.logger,
    timeoutMs: config.health.timeoutMs,
  });
  const searchIndex = new SearchIndex({
    cache,
    registry,
    resources: resourceService,
    discovery,
    clients,
    logger: deps.logger,
    ...config.search,
  });
  const resources = new AuthorizedResourceService({
    resources: resourceService,
    registry,
    discovery,
    clients,
    cache,
    authorizer,
    impersonator,
    permissions: deps.permissions,
    audit,
  });
  const portForwardManager = new PortForwardManager({
    store: new DatabasePortForwardStore(db),
    registry,
    resources: resourceService,
    auditStore,
    logger: deps.logger,
    settings: config.portForwards,
  });
  const manifests = new AuthorizedManifestSet({
    resources: resourceService,
    authorizer,
    guard,
  });
  const resourceChanges = new AuthorizedResourceChanges({
    resources: resourceService,
    reads: resources,
    authorizer,
    guard,
  });
  const deployConfig = readDeployConfig(deps.config);
  const deployStore = new DatabaseDeployStore(db);
  const rollouts = new RolloutTracker({
    resources: resourceService,
    cache,
    store: deployStore,
    logger: deps.logger,
    timeoutMs: deployConfig.rolloutTimeoutMs,
  });
  const infraScanStore = new DatabaseInfraScanStore(db);
  forgetScansOfRemovedClusters({
    events: registry,
    store: infraScanStore,
    logger: deps.logger,
  });
  const customResourcesIn = entityCustomResourcesOf(
    config.entityTab.customResources,
  );
  return {
    config,
    version: await readVersion(),
    registry,
    cache,
    clients,
    resourceService,
    health,
    prewarmer: new CachePrewarmer({
      registry,
      resources: resourceService,
      kinds: config.cache.prewarm,
      logger: deps.logger,
    }),
    audit,
    auditStore,
    clusters: new AuthorizedClusterRegistry({
      registry,
      health,
      healthStore,
      permissions: deps.permissions,
      authorizer,
    }),
    registrar: new AuthorizedClusterRegistrar({
      registrar: new ClusterRegistrar({
        registry,
        store: clusterStore,
        source: registered,
        health: healthStore,
        cipher,
        allowHttp: config.registration.allowHttp,
        allowInsecureSkipTlsVerify:
          config.registration.allowInsecureSkipTlsVerify,
      }),
      permissions: deps.permissions,
      authorizer,
      audit,
    }),
    resources,
    resourceChanges,
    manifests,
    deployer: new AuthorizedDeployer({
      registry,
      authorizer,
      manifests,
      store: deployStore,
      tracker: rollouts,
      logger: deps.logger,
    }),
    infraScans: new AuthorizedInfraScans({
      registry,
      scanner: new InfraScanner({ clients, discovery, cache }),
      store: infraScanStore,
      authorizer,
      audit,
    }),
    provisioner: new NamespaceProvisioner({
      registry,
      authorizer,
      audit,
      manifests,
    }),
    envMaps: new EnvMapper({
      registry,
      authorizer,
      audit,
      manifests,
      resources,
      resourceService,
      sensitivePatterns: config.envMaps.sensitivePatterns,
    }),
    rollouts,
    jobs: new JobRunner({
      registry,
      authorizer,
      impersonator,
      manifests,
      changes: resourceChanges,
      resources: resourceService,
      cache,
      store: new DatabaseJobStore(db),
      config: deployConfig.jobs,
      logger: deps.logger,
    }),
    workloads: new AuthorizedWorkloadsService({
      registry,
      resources: resourceService,
      authorizer,
      impersonator,
      customResourcesOf: async cluster =>
        customResourcesIn(await discovery.kinds(clients.forCluster(cluster))),
    }),
    auditReader: new AuthorizedAuditStore({
      store: auditStore,
      permissions: deps.permissions,
    }),
    logs: new AuthorizedLogService({
      streamer: new LogStreamer(),
      reads: resources,
      resources: resourceService,
      cache,
      authorizer,
      impersonator,
      audit,
    }),
    nodeShell,
    exec: new AuthorizedExecService({
      nodeShell,
      reads: resources,
      resources: resourceService,
      authorizer,
      impersonator,
      audit,
      settings: {
        ...config.terminal,
        keepInput: config.audit.execInput,
      },
    }),
    changes: new AuthorizedChangeFeed({
      registry,
      resources: resourceService,
      cache,
      authorizer,
    }),
    searchIndex,
    search: new AuthorizedSearch({
      index: searchIndex,
      registry,
      authorizer,
      pageUrl: config.pageUrl,
      enabled: config.search.enabled,
    }),
    relations: new AuthorizedRelations({
      resources: resourceService,
      authorizer,
      impersonator,
    }),
    portForwardManager,
    portForwards: new AuthorizedPortForwards({
      manager: portForwardManager,
      registry,
      resources: resourceService,
      authorizer,
      impersonator,
      permissions: deps.permissions,
      audit,
    }),
  };
}

async function readVersion(): Promise<string> {
  const manifest = await readFile(
    resolvePackagePath('@k8s-ops/plugin-k8s-ops-backend', 'package.json'),
    'utf8',
  );
  return JSON.parse(manifest).version;
}
