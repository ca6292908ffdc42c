/** A Secret as a scan sees it: its name and type, never its values. */
export interface SecretName {
  name: string;
  type?: string;
}

/** Secrets that never hold a service's credentials. */
const OTHER_TYPES = new Set([
  'kubernetes.io/service-account-token',
  'kubernetes.io/dockerconfigjson',
  'kubernetes.io/dockercfg',
  'kubernetes.io/tls',
  'helm.sh/release.v1',
]);

const CREDENTIAL_WORDS =
  /password|passwd|credential|auth|secret|user|admin|superuser|app|root/;

/**
 * The Secret that probably holds an instance's credentials, by name: one
 * its pods read is the best guess, then one named after the instance, a
 * credential-sounding name breaking ties.
 */
export function credentialsSecret(
  instance: string,
  referenced: string[],
  secrets: SecretName[],
): string | undefined {
  let best: { name: string; score: number } | undefined;
  for (const secret of secrets) {
    if (secret.type && OTHER_TYPES.has(secret.type)) continue;
    let score = 0;
    if (referenced.includes(secret.name)) score += 4;
    if (secret.name === instance) score += 3;
    else if (secret.name.includes(instance)) score += 2;
    if (score === 0) continue;
    if (CREDENTIAL_WORDS.test(secret.name.replace(instance, ''))) score += 1;
    if (
      !best ||
      score > best.score ||
      (score === best.score && secret.name < best.name)
    ) {
      best = { name: secret.name, score };
    }
  }
  return best?.name;
}
