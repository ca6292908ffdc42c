/** An image reference without its registry, tag and digest. */
export interface ImageRef {
  /** `bitnami/postgresql`, `library/redis` stays `redis`. */
  repository: string;
  /** The last segment of the repository: `postgresql`. */
  name: string;
  tag?: string;
  /** The version at the start of the tag: `16.2.0` of `16.2.0-debian-12-r5`. */
  version?: string;
}

/**
 * Splits an image reference as the container runtime reads it: the first
 * segment is a registry when it has a dot or a port, or is `localhost`.
 */
export function parseImage(image: string): ImageRef {
  const [withoutDigest] = image.split('@');
  const segments = withoutDigest.split('/');
  if (
    segments.length > 1 &&
    (segments[0].includes('.') ||
      segments[0].includes(':') ||
      segments[0] === 'localhost')
  ) {
    segments.shift();
  }
  if (segments[0] === 'library' && segments.length === 2) {
    segments.shift();
  }
  const last = segments[segments.length - 1];
  const colon = last.lastIndexOf(':');
  const tag = colon >= 0 ? last.slice(colon + 1) : undefined;
  segments[segments.length - 1] = colon >= 0 ? last.slice(0, colon) : last;
  const repository = segments.join('/').toLowerCase();
  return {
    repository,
    name: segments[segments.length - 1].toLowerCase(),
    tag,
    version: versionOfTag(tag),
  };
}

/** `16.2.0-debian-12-r5` → `16.2.0`, `v2.10.1` → `2.10.1`, `latest` → none. */
export function versionOfTag(tag: string | undefined): string | undefined {
  const match = tag?.match(/^v?(\d+(?:\.\d+)*)/);
  return match?.[1];
}

/** Whether an image matches a rule's entry: a name, a `prefix*`, or a path. */
export function imageMatches(ref: ImageRef, pattern: string): boolean {
  if (pattern.includes('/')) {
    return ref.repository === pattern;
  }
  if (pattern.endsWith('*')) {
    return ref.name.startsWith(pattern.slice(0, -1));
  }
  return ref.name === pattern;
}
