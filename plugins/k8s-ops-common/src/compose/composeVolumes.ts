import { ComposeError } from './ComposeError';
import { ComposeService } from './composeSchema';
import { toDnsLabel } from './names';

/** A volume of the pod, its mount, and the claim it needs. */
export interface Mount {
  volume: Record<string, unknown>;
  mount: Record<string, unknown>;
  claim?: { name: string };
}

/**
 * Volumes: a named volume becomes a claim, an anonymous one or tmpfs an
 * empty directory; files from the host are refused.
 */
export function readVolumes(
  service: ComposeService,
  field: string,
  appName: string,
): Mount[] {
  return (service.volumes ?? []).map((entry, i) => {
    const at = `${field}.volumes[${i}]`;
    const spec =
      typeof entry === 'string'
        ? (() => {
            const [source, target, mode] = entry.split(':');
            return target === undefined
              ? { type: 'volume', target: source }
              : {
                  type: /^[./~]/.test(source) ? 'bind' : 'volume',
                  source,
                  target,
                  read_only: mode === 'ro',
                };
          })()
        : { type: 'volume', ...entry };
    const volumeName = `vol-${i}`;
    const mount = {
      name: volumeName,
      mountPath: spec.target,
      ...(spec.read_only ? { readOnly: true } : {}),
    };
    if (spec.type === 'tmpfs') {
      return { volume: { name: volumeName, emptyDir: {} }, mount };
    }
    if (spec.type !== 'volume') {
      throw new ComposeError(
        at,
        `${spec.type} mounts of files from the host are not possible on Kubernetes; use a named volume`,
      );
    }
    if (!spec.source) {
      return { volume: { name: volumeName, emptyDir: {} }, mount };
    }
    const claim = toDnsLabel(`${appName}-${spec.source}`);
    return {
      volume: { name: volumeName, persistentVolumeClaim: { claimName: claim } },
      mount,
      claim: { name: claim },
    };
  });
}
