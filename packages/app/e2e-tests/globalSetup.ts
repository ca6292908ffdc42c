import { waitForGuestGroups } from './portal';

/** Runs once the web server answers, before the first test. */
export default async function globalSetup() {
  await waitForGuestGroups();
}
