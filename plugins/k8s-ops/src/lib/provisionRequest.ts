import { NamespaceProvisionRequest } from '@k8s-ops/plugin-k8s-ops-common';

type Level = 'privileged' | 'baseline' | 'restricted';
type Amounts = { cpu: string; memory: string };

/** What the Provision namespace dialog edits. */
export interface ProvisionForm {
  name: string;
  podSecurity: { enforce: Level | ''; warn: Level | ''; audit: Level | '' };
  quotaEnabled: boolean;
  quota: Record<string, string>;
  limitsEnabled: boolean;
  limits: { default: Amounts; defaultRequest: Amounts; max: Amounts };
  networkPolicy: boolean;
  serviceAccountEnabled: boolean;
  serviceAccount: {
    name: string;
    rules: Array<{ apiGroups: string; resources: string; verbs: string }>;
  };
}

/** The quota fields the dialog offers. */
export const QUOTA_KEYS = [
  'requests.cpu',
  'requests.memory',
  'limits.cpu',
  'limits.memory',
  'pods',
];

/** A form with sensible defaults. */
export function emptyProvisionForm(): ProvisionForm {
  const amounts = () => ({ cpu: '', memory: '' });
  return {
    name: '',
    podSecurity: { enforce: 'baseline', warn: 'restricted', audit: '' },
    quotaEnabled: false,
    quota: { 'requests.cpu': '4', 'requests.memory': '8Gi', pods: '50' },
    limitsEnabled: false,
    limits: {
      default: { cpu: '500m', memory: '512Mi' },
      defaultRequest: { cpu: '100m', memory: '128Mi' },
      max: amounts(),
    },
    networkPolicy: true,
    serviceAccountEnabled: false,
    serviceAccount: {
      name: 'deployer',
      rules: [
        {
          apiGroups: 'apps',
          resources: 'deployments',
          verbs: 'get, list, watch, patch',
        },
      ],
    },
  };
}

const list = (text: string) =>
  text
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);

const filled = (values: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(values)
      .map(([k, v]) => [k, v.trim()])
      .filter(([, v]) => v),
  );

/**
 * The request of a form: empty fields are left out, so the backend's
 * answer names only what was asked for. The core API group is written
 * `core` (or left empty) in the form.
 */
export function provisionRequest(
  form: ProvisionForm,
  dryRun: boolean,
): NamespaceProvisionRequest {
  const podSecurity = filled(
    form.podSecurity,
  ) as NamespaceProvisionRequest['podSecurity'];
  const limits = Object.fromEntries(
    Object.entries(form.limits)
      .map(([key, amounts]) => [key, filled(amounts)] as const)
      .filter(([, amounts]) => Object.keys(amounts).length > 0),
  );
  return {
    name: form.name.trim(),
    ...(Object.keys(podSecurity ?? {}).length ? { podSecurity } : {}),
    ...(form.quotaEnabled ? { quota: filled(form.quota) } : {}),
    ...(form.limitsEnabled ? { limits } : {}),
    ...(form.networkPolicy ? { networkPolicy: true } : {}),
    ...(form.serviceAccountEnabled
      ? {
          serviceAccount: {
            name: form.serviceAccount.name.trim(),
            rules: form.serviceAccount.rules.map(rule => ({
              apiGroups: list(rule.apiGroups).map(g => (g === 'core' ? '' : g)),
              resources: list(rule.resources),
              verbs: list(rule.verbs) as never,
            })),
          },
        }
      : {}),
    dryRun,
  };
}
