import {
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  k8sOpsSecretRevealPermission,
  KindDescriptor,
  KubeObject,
} from '@k8s-ops/plugin-k8s-ops-common';
import { ClusterDefinition } from '../clusters/types';
import { isSecret, maskSecret } from './maskSecret';
import { mayAllowOnCluster } from './mayAllowOnCluster';
import {
  clusterResourceRef,
  ClusterFacts,
  objectFacts,
  objectResourceRef,
} from './resources';

type ObjectRuleApplier = Parameters<typeof mayAllowOnCluster>[2];

/** Where an object lives: its cluster and its kind. */
export interface ObjectPlace {
  cluster: ClusterDefinition;
  kind: KindDescriptor;
}

/** The answers of the permission framework for one request. */
export class RequestAuthorization {
  constructor(
    readonly credentials: BackstageCredentials,
    private readonly decisions: Map<string, PolicyDecision>,
    private readonly objectAllowed: (
      decision: PolicyDecision,
      facts: ReturnType<typeof objectFacts>,
    ) => boolean,
    private readonly clusterAllowed: (
      decision: PolicyDecision,
      facts: ClusterFacts,
    ) => boolean,
    private readonly applyObjectRule: ObjectRuleApplier,
  ) {}

  /**
   * Whether a resource permission may allow some object of this cluster
   * (see {@link mayAllowOnCluster}).
   */
  mayAllowOnCluster(
    permission: ResourcePermission<string>,
    cluster: ClusterFacts,
  ): boolean {
    return mayAllowOnCluster(
      this.decision(permission),
      cluster,
      this.applyObjectRule,
    );
  }

  /** Whether the permission is denied whatever the object. */
  deniesAll(permission: ResourcePermission<string>): boolean {
    return this.decision(permission).result === AuthorizeResult.DENY;
  }

  /** Whether the permission is allowed whatever the object. */
  allowsAll(permission: ResourcePermission<string>): boolean {
    return this.decision(permission).result === AuthorizeResult.ALLOW;
  }

  /**
   * Whether a conditional decision has a condition with this rule, so that
   * a caller knows which facts of an object the decision can depend on.
   */
  usesRule(permission: ResourcePermission<string>, rule: string): boolean {
    const decision = this.decision(permission);
    return (
      decision.result === AuthorizeResult.CONDITIONAL &&
      JSON.stringify(decision.conditions).includes(`"rule":"${rule}"`)
    );
  }

  /** Whether a cluster permission allows this cluster. */
  allowsCluster(
    permission: ResourcePermission<string>,
    cluster: ClusterFacts,
  ): boolean {
    return this.clusterAllowed(this.decision(permission), cluster);
  }

  /** Whether a resource permission allows this object. */
  allows(
    permission: ResourcePermission<string>,
    place: ObjectPlace,
    object: KubeObject,
  ): boolean {
    return this.objectAllowed(
      this.decision(permission),
      objectFacts(place.cluster, place.kind, object),
    );
  }

  /** Throws `NotAllowedError` naming the object unless the permission allows it. */
  assert(
    permission: ResourcePermission<string>,
    verb: string,
    place: ObjectPlace,
    object: KubeObject,
  ): void {
    if (!this.allows(permission, place, object)) {
      throw new NotAllowedError(
        `You may not ${verb} ${describeObject(
          place.kind,
          object,
        )} on cluster '${place.cluster.name}'`,
      );
    }
  }

  /**
   * A Secret's values are hidden unless they are asked for (`reveal`) and
   * the reveal permission, asked for in this request, allows this object.
   * Other objects pass unchanged.
   */
  maskUnlessRevealed(
    place: ObjectPlace,
    object: KubeObject,
    options: { reveal?: boolean } = {},
  ): KubeObject {
    if (!isSecret(object)) {
      return object;
    }
    return options.reveal &&
      this.allows(k8sOpsSecretRevealPermission, place, object)
      ? object
      : maskSecret(object);
  }

  private decision(permission: ResourcePermission<string>): PolicyDecision {
    const decision = this.decisions.get(permission.name);
    if (!decision) {
      throw new Error(
        `The permission '${permission.name}' was not asked for in this request`,
      );
    }
    return decision;
  }
}

/**
 * Makes the authorization of one request: the permission framework is asked
 * once, for every permission the request needs, and the answers are then
 * evaluated on each object or cluster in memory.
 */
export class RequestAuthorizer {
  private readonly objectAllowed: (
    decision: PolicyDecision,
    facts: ReturnType<typeof objectFacts>,
  ) => boolean;
  private readonly clusterAllowed: (
    decision: PolicyDecision,
    facts: ClusterFacts,
  ) => boolean;
  private readonly applyObjectRule: ObjectRuleApplier;

  constructor(
    private readonly deps: {
      permissions: PermissionsService;
      permissionsRegistry: PermissionsRegistryService;
    },
  ) {
    this.objectAllowed = createConditionAuthorizer(
      deps.permissionsRegistry.getPermissionRuleset(objectResourceRef),
    );
    this.clusterAllowed = createConditionAuthorizer(
      deps.permissionsRegistry.getPermissionRuleset(clusterResourceRef),
    );
    const objectRules =
      deps.permissionsRegistry.getPermissionRuleset(objectResourceRef);
    this.applyObjectRule = (condition, facts) =>
      objectRules
        .getRuleByName(condition.rule)
        .apply(facts, condition.params ?? {});
  }

  async authorize(
    credentials: BackstageCredentials,
    permissions: Array<ResourcePermission<string>>,
  ): Promise<RequestAuthorization> {
    const decisions = await this.deps.permissions.authorizeConditional(
      permissions.map(permission => ({ permission })) as never,
      { credentials },
    );
    return new RequestAuthorization(
      credentials,
      new Map(permissions.map((p, i) => [p.name, decisions[i]])),
      this.objectAllowed,
      this.clusterAllowed,
      this.applyObjectRule,
    );
  }
}

/** `Deployment shop/web`, for messages. */
export function describeObject(kind: KindDescriptor, object: KubeObject) {
  const ns = object.metadata?.namespace;
  return `${kind.kind} ${ns ? `${ns}/` : ''}${object.metadata?.name ?? ''}`;
}
