import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  k8sOpsAuditReadPermission,
  k8sOpsClusterManagePermission,
  k8sOpsClusterReadPermission,
  k8sOpsNodeExecPermission,
  k8sOpsPodPortForwardPermission,
  k8sOpsResourceDeletePermission,
  k8sOpsResourceReadPermission,
  k8sOpsResourceUpdatePermission,
  k8sOpsSecretRevealPermission,
} from '@k8s-ops/plugin-k8s-ops-common';
import { K8sOpsExamplePolicy } from './K8sOpsExamplePolicy';

const memberships: Record<string, string[]> = {
  'user:default/pat': ['user:default/pat', 'group:default/platform'],
  'user:default/sam': ['user:default/sam', 'group:default/platform-oncall'],
  'user:default/dana': ['user:default/dana', 'group:default/team-shop'],
  'user:default/solo': ['user:default/solo'],
};

const policy = new K8sOpsExamplePolicy({
  userInfo: mockServices.userInfo.mock({
    getUserInfo: async credentials => {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return { userEntityRef: ref, ownershipEntityRefs: memberships[ref] };
    },
  }),
  oncallGroups: ['group:default/platform-oncall'],
  platformGroups: ['group:default/platform'],
  productionGroups: ['prod'],
});

const as = (ref: string) => ({
  credentials: mockCredentials.user(ref),
  info: { userEntityRef: ref, ownershipEntityRefs: memberships[ref] },
});

describe('K8sOpsExamplePolicy', () => {
  it.each([
    k8sOpsSecretRevealPermission,
    k8sOpsClusterManagePermission,
    k8sOpsAuditReadPermission,
    k8sOpsNodeExecPermission,
    k8sOpsResourceReadPermission,
  ])('allows the platform group $name', async permission => {
    expect(await policy.handle({ permission }, as('user:default/pat'))).toEqual(
      { result: AuthorizeResult.ALLOW },
    );
  });

  it('keeps changes on production to on-call, even for the platform group', async () => {
    expect(
      await policy.handle(
        { permission: k8sOpsResourceDeletePermission },
        as('user:default/pat'),
      ),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'k8s-ops',
      resourceType: 'k8s-ops-resource',
      conditions: {
        not: {
          rule: 'IS_IN_CLUSTER_GROUP',
          resourceType: 'k8s-ops-resource',
          params: { groups: ['prod'] },
        },
      },
    });
    expect(
      await policy.handle(
        { permission: k8sOpsResourceDeletePermission },
        as('user:default/sam'),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it.each([k8sOpsResourceReadPermission, k8sOpsClusterReadPermission])(
    'lets everyone read: $name',
    async permission => {
      expect(
        await policy.handle({ permission }, as('user:default/solo')),
      ).toEqual({ result: AuthorizeResult.ALLOW });
    },
  );

  it.each([
    k8sOpsSecretRevealPermission,
    k8sOpsAuditReadPermission,
    k8sOpsClusterManagePermission,
    k8sOpsNodeExecPermission,
  ])('refuses others $name', async permission => {
    expect(
      await policy.handle({ permission }, as('user:default/dana')),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('lets a team change its own namespace outside production', async () => {
    expect(
      await policy.handle(
        { permission: k8sOpsResourceUpdatePermission },
        as('user:default/dana'),
      ),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'k8s-ops',
      resourceType: 'k8s-ops-resource',
      conditions: {
        allOf: [
          {
            rule: 'IS_IN_NAMESPACE',
            resourceType: 'k8s-ops-resource',
            params: { namespaces: ['team-shop'] },
          },
          {
            not: {
              rule: 'IS_IN_CLUSTER_GROUP',
              resourceType: 'k8s-ops-resource',
              params: { groups: ['prod'] },
            },
          },
        ],
      },
    });
  });

  it('lets a team forward ports in its own namespace outside production, as it changes objects', async () => {
    const forward = await policy.handle(
      { permission: k8sOpsPodPortForwardPermission },
      as('user:default/dana'),
    );
    const update = await policy.handle(
      { permission: k8sOpsResourceUpdatePermission },
      as('user:default/dana'),
    );
    expect(forward).toEqual(update);
    expect(forward.result).toBe(AuthorizeResult.CONDITIONAL);
  });

  it('refuses changes to someone in no group', async () => {
    expect(
      await policy.handle(
        { permission: k8sOpsResourceUpdatePermission },
        as('user:default/solo'),
      ),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it('refuses k8s-ops actions to services and anonymous callers', async () => {
    expect(
      await policy.handle(
        { permission: k8sOpsResourceReadPermission },
        {
          credentials: mockCredentials.service('plugin:catalog'),
          info: { userEntityRef: '', ownershipEntityRefs: [] },
        },
      ),
    ).toEqual({ result: AuthorizeResult.DENY });
    expect(
      await policy.handle({ permission: k8sOpsResourceReadPermission }),
    ).toEqual({ result: AuthorizeResult.DENY });
  });

  it("leaves other plugins' permissions allowed", async () => {
    expect(
      await policy.handle(
        {
          permission: createPermission({
            name: 'catalog.entity.read',
            attributes: { action: 'read' },
          }),
        },
        as('user:default/solo'),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });
});
