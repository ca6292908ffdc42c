import { NotFoundError } from '@backstage/errors';
import {
  EnvMap,
  EnvMapRequest,
  EnvMapVariable,
  EnvMapWriteResponse,
  environmentMapManifests,
  environmentMapNames,
  k8sOpsEnvMapWritePermission,
  KubeObject,
  splitEnvironment,
} from '@k8s-ops/plugin-k8s-ops-common';
import { AuditedRequest, AuditLog } from '../audit/AuditLog';
import { ClusterRegistry } from '../clusters/ClusterRegistry';
import { RequestAuthorizer } from '../permissions/RequestAuthorizer';
import { AuthorizedManifestSet } from '../resources/AuthorizedManifestSet';
import { AuthorizedResourceService } from '../resources/AuthorizedResourceService';
import { ResourceService } from '../resources/ResourceService';
import { assertClusterPermission } from './assertClusterPermission';
import { MANAGED_BY } from './namespaceManifests';

type Values = Record<string, string>;

/**
 * Environment maps: variables split by name into ConfigMap `<name>-config`
 * and Secret `<name>-secrets`, written as one audited change and read with
 * the secret values hidden unless revealed. Neither an answer nor the audit
 * trail carries a secret value.
 */
export class EnvMapper {
  constructor(
    private readonly deps: {
      registry: ClusterRegistry;
      authorizer: RequestAuthorizer;
      audit: AuditLog;
      manifests: AuthorizedManifestSet;
      resources: AuthorizedResourceService;
      /** For the values a write keeps unseen; never answered. */
      resourceService: ResourceService;
      /** `k8sOps.envMaps.sensitivePatterns`, or the defaults. */
      sensitivePatterns: readonly string[];
    },
  ) {}

  async write(
    cluster: string,
    namespace: string,
    request: EnvMapRequest,
    ctx: AuditedRequest,
  ): Promise<EnvMapWriteResponse> {
    const target = { cluster, namespace, kind: 'EnvMap', name: request.name };
    await assertClusterPermission(
      this.deps,
      k8sOpsEnvMapWritePermission,
      'write environment maps',
      { action: 'envmap-write', dryRun: request.dryRun, target },
      ctx,
    );
    const environment = splitEnvironment(request.variables, {
      patterns: request.sensitivePatterns ?? this.deps.sensitivePatterns,
      sensitive: request.sensitive,
    });
    const kept = (request.keep ?? []).filter(
      key => !(key in request.variables),
    );
    if (kept.length > 0) {
      Object.assign(
        environment.secret,
        await this.currentSecretValues(cluster, namespace, request.name, kept),
      );
    }
    const config = Object.keys(environment.config).sort();
    const secret = Object.keys(environment.secret).sort();
    const manifests = await this.deps.manifests.apply(
      cluster,
      environmentMapManifests({
        name: request.name,
        namespace,
        environment,
        labels: MANAGED_BY,
      }),
      { dryRun: request.dryRun },
      {
        action: 'envmap-write',
        target: { namespace, kind: 'EnvMap', name: request.name },
        // Names only: a value, even a ConfigMap's, is not the trail's business.
        summary: () =>
          `ConfigMap keys: ${config.join(', ') || '(none)'}; Secret keys: ${
            secret.join(', ') || '(none)'
          }`,
      },
      ctx,
    );
    return {
      cluster,
      namespace,
      name: request.name,
      dryRun: Boolean(request.dryRun),
      config,
      secret,
      manifests,
    };
  }

  async read(
    ref: { cluster: string; namespace: string; name: string },
    options: { reveal?: boolean },
    ctx: AuditedRequest,
  ): Promise<EnvMap> {
    const names = environmentMapNames(ref.name);
    const objectRef = (resource: string, name: string) => ({
      cluster: ref.cluster,
      namespace: ref.namespace,
      resource,
      name,
    });
    const [configMap, secret] = await Promise.all([
      orMissing(
        this.deps.resources.get(
          objectRef('configmaps', names.configMap),
          ctx.credentials,
        ),
      ),
      orMissing(
        options.reveal
          ? this.deps.resources.reveal(objectRef('secrets', names.secret), ctx)
          : this.deps.resources.get(
              objectRef('secrets', names.secret),
              ctx.credentials,
            ),
      ),
    ]);
    if (!configMap && !secret) {
      throw new NotFoundError(
        `No environment map '${ref.name}' in namespace '${ref.namespace}' on cluster '${ref.cluster}': neither ConfigMap ${names.configMap} nor Secret ${names.secret} exists`,
      );
    }
    const variables: EnvMapVariable[] = [
      ...Object.entries(dataOf(configMap)).map(([name, value]) => ({
        name,
        value,
        sensitive: false,
      })),
      ...Object.entries(dataOf(secret)).map(([name, value]) =>
        options.reveal
          ? { name, value: decode(value), sensitive: true }
          : { name, value: '', sensitive: true, masked: true },
      ),
    ].sort((a, b) => a.name.localeCompare(b.name));
    return { ...ref, ...names, variables };
  }

  /** The current values of some keys of the map's Secret, decoded. */
  private async currentSecretValues(
    cluster: string,
    namespace: string,
    name: string,
    keys: string[],
  ): Promise<Values> {
    const found = await orMissing(
      this.deps.resourceService
        .get({
          cluster,
          namespace,
          resource: 'secrets',
          name: environmentMapNames(name).secret,
        })
        .then(f => f.object),
    );
    const data = dataOf(found);
    return Object.fromEntries(
      keys.filter(key => key in data).map(key => [key, decode(data[key])]),
    );
  }
}

async function orMissing<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof NotFoundError) {
      return undefined;
    }
    throw error;
  }
}

function dataOf(object: KubeObject | undefined): Values {
  return (object?.data as Values | undefined) ?? {};
}

function decode(value: string): string {
  return Buffer.from(value, 'base64').toString('utf8');
}
