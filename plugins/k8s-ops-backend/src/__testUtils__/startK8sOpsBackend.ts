import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { k8sOpsPlugin } from '../plugin';
import { startWebSocketTestBackend } from './startWebSocketTestBackend';

/** Decides each permission by name; the default allows everything. */
export type TestPolicy = (permission: string) => PolicyDecision;

export const allowAll: TestPolicy = () => ({ result: AuthorizeResult.ALLOW });

/**
 * Starts the real plugin with test config, a switchable permission policy,
 * and optionally a given database, on a server that takes WebSockets.
 */
export async function startK8sOpsBackend(options: {
  config: JsonObject;
  policy: () => TestPolicy;
  knex?: Knex;
  userInfo?: { userEntityRef: string; ownershipEntityRefs: string[] };
}) {
  const permissions = mockServices.permissions.mock({
    authorize: jest.fn(
      async (requests: Array<{ permission: { name: string } }>) =>
        requests.map(r => {
          const d = options.policy()(r.permission.name);
          return {
            result:
              d.result === AuthorizeResult.ALLOW
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          };
        }),
    ),
    authorizeConditional: jest.fn(
      async (requests: Array<{ permission: { name: string } }>) =>
        requests.map(r => options.policy()(r.permission.name)),
    ) as never,
  });
  const features = [
    k8sOpsPlugin,
    mockServices.rootConfig.factory({ data: options.config }),
    permissions.factory,
  ];
  if (options.knex) {
    features.push(mockServices.database.factory({ knex: options.knex }));
  }
  if (options.userInfo) {
    const info = options.userInfo;
    features.push(
      mockServices.userInfo.mock({ getUserInfo: async () => info }).factory,
    );
  }
  return startWebSocketTestBackend({ features });
}
