import { KubeObject } from '@k8s-ops/plugin-k8s-ops-common';

/** How long ago an object was created: `42s`, `5m`, `3h`, `2d`. */
export function age(object: KubeObject): string {
  const created = object.metadata.creationTimestamp;
  if (!created) {
    return '';
  }
  const seconds = Math.max(0, (Date.now() - Date.parse(created)) / 1000);
  if (seconds < 120) return `${Math.round(seconds)}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86400)}d`;
}

/** The images of a pod, or of the pods a workload makes. */
export function images(object: KubeObject): string {
  const spec = object.spec as
    | {
        containers?: Array<{ image: string }>;
        template?: { spec?: { containers?: Array<{ image: string }> } };
        jobTemplate?: {
          spec?: {
            template?: { spec?: { containers?: Array<{ image: string }> } };
          };
        };
      }
    | undefined;
  const containers =
    spec?.containers ??
    spec?.template?.spec?.containers ??
    spec?.jobTemplate?.spec?.template?.spec?.containers ??
    [];
  return containers.map(c => c.image).join(', ');
}
