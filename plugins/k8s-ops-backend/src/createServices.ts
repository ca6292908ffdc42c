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
import { DatabaseAuditStore } from './audit/DatabaseAuditStore';
import { AuthorizedClusterRegistry } from './clusters/AuthorizedClusterRegistry';
import { ClusterRegistry } from './clusters/ClusterRegistry';
import { ClusterHealthMonitor } from './clusters/ClusterHealthMonitor';
import { ClusterRegistrar } from './clusters/ClusterRegistrar';
import { ConfigClusterSource } from './clusters/ConfigClusterSource';
import { CredentialCipher } from './clusters/CredentialCipher';
import { DatabaseClusterHealthStore } from './clusters/DatabaseClusterHealthStore';
import { DatabaseClusterStore } from './clusters/DatabaseClusterStore';
import {
  InClusterSource,
  KubeconfigFileSource,
} from './clusters/KubeconfigFileSource';
import { RegisteredClusterSource } from './clusters/RegisteredClusterSource';
import { WatchCache } from './cache/WatchCache';
import { ChangeHub } from './changes/ChangeHub';
import { applyMigrations } from './database/applyMigrations';
import { DiscoveryCache } from './kube/DiscoveryCache';
import { KubeClientFactory } from './kube/KubeClientFactory';
import { WORKLOAD_RESOURCES } from '@k8s-ops/plugin-k8s-ops-common';
import { AuthorizedResourceService } from './resources/AuthorizedResourceService';
import { ResourceService } from './resources/ResourceService';

/** Builds the plugin's services from Backstage's core services. */
export async function createServices(deps: {
  config: RootConfigService;
  database: DatabaseService;
  logger: LoggerService;
  auditor: AuditorService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  userInfo: UserInfoService;
}) {
  const db = await applyMigrations(deps.database);
  const auditStore = new DatabaseAuditStore(db);
  const audit = new AuditLog({
    auditor: deps.auditor,
    store: auditStore,
    logger: deps.logger,
  });
  const keys = deps.config.getOptionalStringArray('k8sOps.encryption.keys');
  const cipher = keys?.length ? CredentialCipher.fromKeys(keys) : undefined;
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
  );
  const healthStore = new DatabaseClusterHealthStore(db);
  const clients = new KubeClientFactory();
  const discovery = new DiscoveryCache();
  const changes = new ChangeHub();
  const cache = new WatchCache({ logger: deps.logger, changes });
  const resourceService = new ResourceService({
    registry,
    clients,
    discovery,
    cache,
    readOnly: deps.config.getOptionalBoolean('k8sOps.readOnly') ?? false,
  });
  return {
    version: await readVersion(),
    registry,
    registrar: new ClusterRegistrar({
      registry,
      store: clusterStore,
      source: registered,
      health: healthStore,
      cipher,
      clients,
      cache,
      permissions: deps.permissions,
      audit,
      logger: deps.logger,
      allowHttp:
        deps.config.getOptionalBoolean('k8sOps.registration.allowHttp') ??
        false,
      allowInsecureSkipTlsVerify: deps.config.getOptionalBoolean(
        'k8sOps.registration.allowInsecureSkipTlsVerify',
      ),
    }),
    health: new ClusterHealthMonitor({
      registry,
      clients,
      store: healthStore,
      logger: deps.logger,
    }),
    healthIntervalSeconds:
      deps.config.getOptionalNumber('k8sOps.health.intervalSeconds') ?? 60,
    clients,
    discovery,
    changes,
    cache,
    resourceService,
    clusters: new AuthorizedClusterRegistry({
      registry,
      health: healthStore,
      permissions: deps.permissions,
      permissionsRegistry: deps.permissionsRegistry,
    }),
    resources: new AuthorizedResourceService({
      resources: resourceService,
      registry,
      permissions: deps.permissions,
      permissionsRegistry: deps.permissionsRegistry,
      userInfo: deps.userInfo,
      audit,
    }),
    prewarm:
      deps.config.getOptionalStringArray('k8sOps.cache.prewarm') ??
      WORKLOAD_RESOURCES,
    cacheIdleMinutes:
      deps.config.getOptionalNumber('k8sOps.cache.idleMinutes') ?? 15,
    auditStore,
    audit,
    auditRetentionDays:
      deps.config.getOptionalNumber('k8sOps.audit.retentionDays') ?? 365,
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;

async function readVersion(): Promise<string> {
  const manifest = await readFile(
    resolvePackagePath('@k8s-ops/plugin-k8s-ops-backend', 'package.json'),
    'utf8',
  );
  return JSON.parse(manifest).version;
}
