/**
 * Makes a DNS-1123 label of any text, as Kubernetes names and Service
 * names need: lowercase letters, digits and dashes, starting and ending
 * with a letter or digit, at most 63 characters
 * (`openmemory-compose:mem0-ui` → `openmemory-compose-mem0-ui`).
 *
 * @public
 */
export function toDnsLabel(text: string, maxLength = 63): string {
  const label = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+/, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
  return label || 'app';
}

/**
 * Makes a Kubernetes label value of any text: letters, digits, `-`, `_`
 * and `.`, starting and ending with a letter or digit, at most 63
 * characters; empty stays empty.
 *
 * @public
 */
export function toLabelValue(text: string): string {
  return text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/[^A-Za-z0-9]+$/, '');
}

/**
 * Port names unique within a pod, each an IANA service name (at most 15
 * lowercase letters, digits and dashes, with a letter).
 */
export class PortNames {
  private readonly used = new Set<string>();

  take(wanted: string | undefined, fallback: string): string {
    const base = toDnsLabel(wanted || fallback, 15);
    const named = /[a-z]/.test(base) ? base : `p-${base}`.slice(0, 15);
    let name = named;
    for (let i = 2; this.used.has(name); i++) {
      const suffix = `-${i}`;
      name = `${named
        .slice(0, 15 - suffix.length)
        .replace(/-+$/, '')}${suffix}`;
    }
    this.used.add(name);
    return name;
  }
}
