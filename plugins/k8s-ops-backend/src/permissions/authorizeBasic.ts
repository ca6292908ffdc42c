import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';

/**
 * Asks the permission framework about a basic permission and throws
 * `NotAllowedError` with the message unless the answer is ALLOW.
 */
export async function authorizeBasic(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: BasicPermission,
  message: string,
): Promise<void> {
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(message);
  }
}

/**
 * Refuses a change unless a person asks for it: a signed-in user, or a
 * service acting on a user's behalf (its credentials then carry the user).
 * Backstage lets static and service tokens through without asking the
 * permission policy, so without this a token would change clusters
 * unattributed to anyone.
 */
export function requirePerson(
  credentials: BackstageCredentials,
  what: string,
): void {
  const principal = credentials.principal as { type?: string };
  if (principal?.type !== 'user') {
    throw new NotAllowedError(
      `Only a signed-in person may ${what}; a service or static token may only read`,
    );
  }
}
