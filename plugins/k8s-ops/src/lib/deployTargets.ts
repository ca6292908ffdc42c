import { backendMessage } from './backendMessage';

/** What the cluster picker says under itself: why it is empty, if it is. */
export function targetsHelp(targets: {
  loading: boolean;
  error?: Error;
  value?: unknown[];
}): string | undefined {
  if (targets.error) {
    return backendMessage(targets.error);
  }
  if (!targets.loading && targets.value?.length === 0) {
    return 'You may not deploy to any cluster';
  }
  return undefined;
}
