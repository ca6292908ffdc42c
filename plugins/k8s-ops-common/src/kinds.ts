import { KindDescriptor } from './types';

/**
 * The name a kind goes by in URLs and in the change stream: `pods` for the
 * core group, `deployments.apps` otherwise.
 *
 * @public
 */
export function resourceNameOf(
  kind: Pick<KindDescriptor, 'group' | 'resource'>,
): string {
  return kind.group ? `${kind.resource}.${kind.group}` : kind.resource;
}
