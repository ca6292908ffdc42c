import { CrdFamily, KindDescriptor } from './types';

const FAMILIES: Array<
  Omit<CrdFamily, 'installed' | 'resources'> & { groups: RegExp }
> = [
  { id: 'openkruise', title: 'OpenKruise', groups: /(^|\.)kruise\.io$/ },
  { id: 'traefik', title: 'Traefik', groups: /^traefik\.(io|containo\.us)$/ },
  { id: 'tailscale', title: 'Tailscale', groups: /^tailscale\.com$/ },
  {
    id: 'k3s-upgrade',
    title: 'K3s system upgrade',
    groups: /^upgrade\.cattle\.io$/,
  },
];

/**
 * The CRD families the portal presents, flagged as installed when the
 * cluster serves any of their groups.
 *
 * @public
 */
export function detectFamilies(kinds: KindDescriptor[]): CrdFamily[] {
  return FAMILIES.map(({ groups, ...family }) => {
    const resources = kinds
      .filter(k => k.preferred && groups.test(k.group))
      .map(k => `${k.resource}.${k.group}`);
    return { ...family, installed: resources.length > 0, resources };
  });
}
