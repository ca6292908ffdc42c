/** The production build of the portal: app and backend on one port. */
export const PORTAL_URL = 'http://localhost:7007';

/**
 * Waits until the portal's catalog has the guest in the example platform
 * group: the guest's groups are read at sign-in, and the tests and
 * benchmarks sign in as a platform member.
 */
export async function waitForGuestGroups(timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const answer = await fetch(`${PORTAL_URL}/api/auth/guest/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    }).catch((error: Error) => error);
    if (answer instanceof Error) {
      last = answer.message;
    } else if (answer.ok) {
      const { backstageIdentity } = await answer.json();
      if (
        backstageIdentity.identity.ownershipEntityRefs.includes(
          'group:default/platform',
        )
      ) {
        return;
      }
      last = 'the guest is not yet in group:default/platform';
    } else {
      last = `guest sign-in answered ${answer.status}`;
    }
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(`The portal was not ready within ${timeoutMs} ms: ${last}`);
}
