import { InputError } from '@backstage/errors';
import { KubeconfigContext } from '@k8s-ops/plugin-k8s-ops-common';
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
} from 'yaml';

/** One context of a kubeconfig, with the server of the cluster it points at. */
export type ParsedKubeconfigContext = KubeconfigContext;

/**
 * The inline credentials of one kubeconfig context. The `*Data` fields are
 * base64-encoded PEM, as in the kubeconfig, with whitespace removed.
 */
export interface KubeconfigCredentials {
  server: string;
  caData?: string;
  token?: string;
  clientCertData?: string;
  clientKeyData?: string;
  skipTLSVerify?: boolean;
}

/** Options for {@link listKubeconfigContexts} and {@link parseKubeconfig}. */
export interface ParseKubeconfigOptions {
  /** Accept plain `http://` servers. Only for local development. */
  allowHttp?: boolean;
  /** The largest accepted kubeconfig, in UTF-8 bytes. Defaults to 64 KiB. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024;

// Real kubeconfigs are a handful of levels deep; the limit keeps recursion
// over hostile input bounded.
const MAX_DEPTH = 32;

const CREDENTIAL_PLUGIN =
  'credential plugins are not allowed; paste a kubeconfig with an inline token or client certificate';
const IMPERSONATION =
  'impersonation is not supported; paste credentials for the identity the backend should use';
const BASIC_AUTH =
  'basic authentication is not supported; use a token or a client certificate';

// Keys that make a Kubernetes client read a local file. Checked at any depth
// of a clusters or users entry.
const FILE_REFERENCES: Record<string, string> = {
  'certificate-authority':
    'file references are not allowed; inline the CA certificate as certificate-authority-data (base64-encoded PEM)',
  'client-certificate':
    'file references are not allowed; inline the certificate as client-certificate-data (base64-encoded PEM)',
  'client-key':
    'file references are not allowed; inline the key as client-key-data (base64-encoded PEM)',
  tokenFile: 'file references are not allowed; inline the token as token',
  'token-file': 'file references are not allowed; inline the token as token',
};

const FORBIDDEN_IN_CLUSTERS: Record<string, string> = {
  ...FILE_REFERENCES,
  'proxy-url':
    'proxies are not supported; the backend must reach the API server directly',
};

const FORBIDDEN_IN_USERS: Record<string, string> = {
  ...FILE_REFERENCES,
  exec: CREDENTIAL_PLUGIN,
  'auth-provider': CREDENTIAL_PLUGIN,
  username: BASIC_AUTH,
  password: BASIC_AUTH,
  impersonate: IMPERSONATION,
  'impersonate-uid': IMPERSONATION,
  'impersonate-groups': IMPERSONATION,
  'impersonate-user-extra': IMPERSONATION,
  as: IMPERSONATION,
  'as-uid': IMPERSONATION,
  'as-groups': IMPERSONATION,
  'as-user-extra': IMPERSONATION,
};

// Cloud metadata services by name; compared lowercased without trailing dots.
const METADATA_HOSTNAMES = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal',
]);

type YamlMap = Record<string, unknown>;

interface ClusterEntry {
  server: string;
  caData?: string;
  skipTLSVerify?: boolean;
}

interface UserEntry {
  index: number;
  token?: string;
  clientCertData?: string;
  clientKeyData?: string;
}

interface ValidatedKubeconfig {
  clusters: Map<string, ClusterEntry>;
  users: Map<string, UserEntry>;
  contexts: ParsedKubeconfigContext[];
  currentContext?: string;
}

/**
 * Lists the contexts of a kubeconfig (for a context picker), validating the
 * whole document.
 *
 * @remarks
 * The kubeconfig is untrusted input: it is checked as raw YAML, and must not
 * be handed to a Kubernetes client library, which would read referenced
 * files and run credential plugins while loading it.
 *
 * @throws InputError naming the offending field when the kubeconfig is refused.
 */
export function listKubeconfigContexts(
  text: string,
  options: ParseKubeconfigOptions = {},
): { contexts: ParsedKubeconfigContext[]; currentContext?: string } {
  const { contexts, currentContext } = validateKubeconfig(text, options);
  // A current-context that names no context is common after contexts are
  // deleted; a picker is better off with no default than a broken one.
  const exists = contexts.some(c => c.name === currentContext);
  return exists ? { contexts, currentContext } : { contexts };
}

/**
 * Validates a kubeconfig and extracts the inline credentials of one context:
 * `options.context` if given, otherwise `current-context`, otherwise the only
 * context.
 *
 * @throws InputError naming the offending field when the kubeconfig is refused.
 */
export function parseKubeconfig(
  text: string,
  options: ParseKubeconfigOptions & { context?: string } = {},
): { context: ParsedKubeconfigContext; credentials: KubeconfigCredentials } {
  const config = validateKubeconfig(text, options);
  const context = selectContext(config, options.context);
  const cluster = config.clusters.get(context.cluster)!;
  const user = config.users.get(context.user)!;
  const userPath = `users[${user.index}].user`;

  if (user.clientCertData && !user.clientKeyData) {
    throw new InputError(
      `${userPath}.client-key-data: required together with client-certificate-data`,
    );
  }
  if (user.clientKeyData && !user.clientCertData) {
    throw new InputError(
      `${userPath}.client-certificate-data: required together with client-key-data`,
    );
  }
  if (!user.token && !user.clientCertData) {
    throw new InputError(
      `${userPath}: has no inline credential; add a token, or both client-certificate-data and client-key-data`,
    );
  }

  const credentials: KubeconfigCredentials = { server: cluster.server };
  if (cluster.caData) credentials.caData = cluster.caData;
  if (cluster.skipTLSVerify) credentials.skipTLSVerify = true;
  if (user.token) credentials.token = user.token;
  if (user.clientCertData) {
    credentials.clientCertData = user.clientCertData;
    credentials.clientKeyData = user.clientKeyData;
  }
  return { context, credentials };
}

function selectContext(
  config: ValidatedKubeconfig,
  requested: string | undefined,
): ParsedKubeconfigContext {
  const available = config.contexts.map(c => JSON.stringify(c.name)).join(', ');
  if (requested !== undefined) {
    const found = config.contexts.find(c => c.name === requested);
    if (!found) {
      throw new InputError(
        `context: the kubeconfig has no context named ${JSON.stringify(
          requested,
        )}; available contexts: ${available}`,
      );
    }
    return found;
  }
  if (config.currentContext !== undefined) {
    const found = config.contexts.find(c => c.name === config.currentContext);
    if (!found) {
      throw new InputError(
        `current-context: names ${JSON.stringify(
          config.currentContext,
        )}, which is not in contexts; choose one of: ${available}`,
      );
    }
    return found;
  }
  if (config.contexts.length === 1) {
    return config.contexts[0];
  }
  throw new InputError(
    `current-context: not set and the kubeconfig has ${config.contexts.length} contexts; choose one of: ${available}`,
  );
}

function validateKubeconfig(
  text: string,
  options: ParseKubeconfigOptions,
): ValidatedKubeconfig {
  const root = readYaml(text, options.maxBytes ?? DEFAULT_MAX_BYTES);

  const kind = get(root, 'kind');
  if (kind !== undefined && kind !== null && kind !== 'Config') {
    throw new InputError('kind: must be "Config" for a kubeconfig');
  }

  const clusterList = readList(root, 'clusters');
  const userList = readList(root, 'users');
  const contextList = readList(root, 'contexts');

  const clusters = new Map<string, ClusterEntry>();
  clusterList.forEach((entry, index) => {
    const path = `clusters[${index}]`;
    const name = readEntryName(entry, path, clusters);
    rejectForbiddenKeys(entry, path, FORBIDDEN_IN_CLUSTERS, 0);
    const cluster = readMap(entry as YamlMap, 'cluster', path, true)!;
    const clusterPath = `${path}.cluster`;
    const caData = readPem(cluster, 'certificate-authority-data', clusterPath);
    const skip = get(cluster, 'insecure-skip-tls-verify');
    if (skip !== undefined && skip !== null && typeof skip !== 'boolean') {
      throw new InputError(
        `${clusterPath}.insecure-skip-tls-verify: must be true or false`,
      );
    }
    clusters.set(name, {
      server: readServer(
        get(cluster, 'server'),
        `${clusterPath}.server`,
        options.allowHttp ?? false,
      ),
      ...(caData ? { caData } : {}),
      ...(skip === true ? { skipTLSVerify: true } : {}),
    });
  });

  const users = new Map<string, UserEntry>();
  userList.forEach((entry, index) => {
    const path = `users[${index}]`;
    const name = readEntryName(entry, path, users);
    rejectForbiddenKeys(entry, path, FORBIDDEN_IN_USERS, 0);
    // A user with no fields is valid YAML-wise; parseKubeconfig refuses it
    // only if it is the one selected.
    const user = readMap(entry as YamlMap, 'user', path, false) ?? {};
    const userPath = `${path}.user`;
    users.set(name, {
      index,
      token: readToken(user, userPath),
      clientCertData: readPem(user, 'client-certificate-data', userPath),
      clientKeyData: readPem(user, 'client-key-data', userPath),
    });
  });

  if (contextList.length === 0) {
    throw new InputError(
      'contexts: the kubeconfig has no contexts; it needs at least one context naming a cluster and a user',
    );
  }
  const contexts: ParsedKubeconfigContext[] = [];
  const contextNames = new Map<string, unknown>();
  contextList.forEach((entry, index) => {
    const path = `contexts[${index}]`;
    const name = readEntryName(entry, path, contextNames);
    contextNames.set(name, true);
    const context = readMap(entry as YamlMap, 'context', path, true)!;
    const contextPath = `${path}.context`;
    const clusterName = readString(context, 'cluster', contextPath, true)!;
    const cluster = clusters.get(clusterName);
    if (!cluster) {
      throw new InputError(
        `${contextPath}.cluster: no cluster named ${JSON.stringify(
          clusterName,
        )} in clusters`,
      );
    }
    const userName = readString(context, 'user', contextPath, true)!;
    if (!users.has(userName)) {
      throw new InputError(
        `${contextPath}.user: no user named ${JSON.stringify(
          userName,
        )} in users`,
      );
    }
    const namespace = readString(context, 'namespace', contextPath, false);
    contexts.push({
      name,
      cluster: clusterName,
      user: userName,
      ...(namespace ? { namespace } : {}),
      server: cluster.server,
    });
  });

  const currentContext = get(root, 'current-context');
  if (
    currentContext !== undefined &&
    currentContext !== null &&
    typeof currentContext !== 'string'
  ) {
    throw new InputError('current-context: must be a context name');
  }

  return {
    clusters,
    users,
    contexts,
    // kubectl writes an empty current-context when none is selected.
    ...(currentContext ? { currentContext } : {}),
  };
}

/**
 * Parses the text as a single YAML mapping, refusing anything that could make
 * parsing or later processing expensive or ambiguous.
 */
function readYaml(text: string, maxBytes: number): YamlMap {
  if (typeof text !== 'string') {
    throw new InputError('The kubeconfig must be text');
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    throw new InputError(
      `The kubeconfig is ${bytes} bytes; the limit is ${maxBytes} bytes`,
    );
  }
  if (text.trim() === '') {
    throw new InputError('The kubeconfig is empty');
  }

  const lineCounter = new LineCounter();
  // prettyErrors would copy the offending source line, which may hold a
  // token, into the error message; positions come from the line counter.
  // Merge keys are off so that `<<` cannot splice values in from elsewhere.
  const documents = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
    merge: false,
    uniqueKeys: true,
  });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return `line ${line}, column ${col}`;
  };

  if (!Array.isArray(documents) || documents.length === 0) {
    throw new InputError('The kubeconfig is empty');
  }
  if (documents.length > 1) {
    throw new InputError(
      `The kubeconfig must be a single YAML document; found ${documents.length} (separated by ---)`,
    );
  }
  const [document] = documents;
  const [error] = document.errors;
  if (error) {
    // yaml's own messages can quote the source, so only its code is used.
    throw new InputError(
      `The kubeconfig is not valid YAML at ${at(
        error.pos[0],
      )}: ${describeYamlError(error.code)}`,
    );
  }
  // A bare `---` parses to a document holding a null scalar.
  const { contents } = document;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    throw new InputError('The kubeconfig is empty');
  }
  if (!isMap(contents)) {
    throw new InputError(
      'The kubeconfig must be a YAML mapping with clusters, users and contexts',
    );
  }

  // Walk the syntax tree before converting it to plain values: resolving
  // aliases is what makes alias bombs explode.
  const rejectAnchor = (node: unknown) => {
    if (isAlias(node) || (node as { anchor?: string } | null)?.anchor) {
      throw new InputError(
        `The kubeconfig must not use YAML anchors (&) or aliases (*) (${at(
          (node as { range: [number, number] }).range[0],
        )}); write every value out in full`,
      );
    }
  };
  const pending: Array<{ node: unknown; depth: number }> = [
    { node: contents, depth: 0 },
  ];
  while (pending.length > 0) {
    const { node, depth } = pending.pop()!;
    if (depth > MAX_DEPTH) {
      throw new InputError(
        `The kubeconfig is nested more than ${MAX_DEPTH} levels deep`,
      );
    }
    if (isPair(node)) {
      rejectAnchor(node.key);
      // Other keys are stringified when converted, so distinct keys could
      // collide; no kubeconfig field needs them.
      if (!isScalar(node.key) || typeof node.key.value !== 'string') {
        const range = (node.key as { range?: [number, number] } | null)?.range;
        throw new InputError(
          `The kubeconfig must only use text as mapping keys${
            range ? ` (${at(range[0])})` : ''
          }`,
        );
      }
      pending.push({ node: node.value, depth });
      continue;
    }
    rejectAnchor(node);
    if (isMap(node) || isSeq(node)) {
      // Reversed so that problems are reported in document order.
      for (const item of [...node.items].reverse()) {
        pending.push({ node: item, depth: depth + 1 });
      }
    }
  }

  return document.toJS() as YamlMap;
}

function describeYamlError(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'a key appears more than once in the same mapping';
    case 'BAD_INDENT':
    case 'TAB_AS_INDENT':
      return 'bad indentation (YAML indents with spaces)';
    case 'BAD_DQ_ESCAPE':
      return 'invalid escape sequence in a double-quoted string';
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
    case 'BLOCK_IN_FLOW':
      return 'unexpected or missing punctuation';
    default:
      return `syntax error (${code})`;
  }
}

function get(map: YamlMap, key: string): unknown {
  // Own properties only: `constructor` or `__proto__` must not resolve to
  // something from Object.prototype.
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

function isPlainMap(value: unknown): value is YamlMap {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !Buffer.isBuffer(value)
  );
}

function readList(root: YamlMap, key: string): unknown[] {
  const value = get(root, key);
  if (!Array.isArray(value)) {
    throw new InputError(
      `${key}: required; a kubeconfig lists its clusters, users and contexts`,
    );
  }
  return value;
}

function readMap(
  entry: YamlMap,
  key: string,
  path: string,
  required: boolean,
): YamlMap | undefined {
  const value = get(entry, key);
  if ((value === undefined || value === null) && !required) {
    return undefined;
  }
  if (!isPlainMap(value)) {
    throw new InputError(`${path}.${key}: must be a mapping`);
  }
  return value;
}

function readString(
  map: YamlMap,
  key: string,
  path: string,
  required: boolean,
): string | undefined {
  const value = get(map, key);
  if ((value === undefined || value === null) && !required) {
    return undefined;
  }
  if (typeof value !== 'string' || value === '') {
    throw new InputError(`${path}.${key}: must be a non-empty string`);
  }
  return value;
}

function readEntryName(
  entry: unknown,
  path: string,
  seen: Map<string, unknown>,
): string {
  if (!isPlainMap(entry)) {
    throw new InputError(`${path}: must be a mapping with a name`);
  }
  const name = readString(entry, 'name', path, true)!;
  // With duplicate names, what a picker shows and what gets used could be
  // different entries.
  if (seen.has(name)) {
    throw new InputError(
      `${path}.name: ${JSON.stringify(name)} is used by an earlier entry`,
    );
  }
  return name;
}

function rejectForbiddenKeys(
  value: unknown,
  path: string,
  forbidden: Record<string, string>,
  depth: number,
): void {
  if (depth > MAX_DEPTH) return; // readYaml has already bounded the depth
  if (Array.isArray(value)) {
    value.forEach((item, index) =>
      rejectForbiddenKeys(item, `${path}[${index}]`, forbidden, depth + 1),
    );
  } else if (isPlainMap(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (Object.hasOwn(forbidden, key)) {
        throw new InputError(`${path}.${key}: ${forbidden[key]}`);
      }
      rejectForbiddenKeys(child, `${path}.${key}`, forbidden, depth + 1);
    }
  }
}

function readToken(user: YamlMap, path: string): string | undefined {
  const value = get(user, 'token');
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new InputError(`${path}.token: must be a string`);
  }
  // Block scalars leave a trailing newline; anything inside the token would
  // end up in an Authorization header.
  const token = value.trim();
  if (token === '' || hasControlOrSpace(token)) {
    throw new InputError(
      `${path}.token: must be a single word with no spaces or line breaks`,
    );
  }
  return token;
}

function readPem(map: YamlMap, key: string, path: string): string | undefined {
  const value = get(map, key);
  if (value === undefined || value === null) return undefined;
  const field = `${path}.${key}`;
  if (typeof value !== 'string') {
    throw new InputError(`${field}: must be a base64-encoded PEM string`);
  }
  // Base64 is often wrapped over several lines; whitespace carries no data.
  const base64 = value.replace(/\s+/g, '');
  if (
    base64 === '' ||
    base64.length % 4 !== 0 ||
    !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)
  ) {
    throw new InputError(
      `${field}: is not valid base64; it must be the base64 encoding of a PEM file (not the PEM text itself)`,
    );
  }
  const decoded = Buffer.from(base64, 'base64').toString('latin1');
  if (!decoded.trimStart().startsWith('-----BEGIN')) {
    throw new InputError(
      `${field}: does not decode to PEM (text starting with -----BEGIN); base64-encode the contents of the PEM file`,
    );
  }
  return base64;
}

function readServer(value: unknown, path: string, allowHttp: boolean): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(
      `${path}: required; the API server URL, like https://k8s.example.com:6443`,
    );
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new InputError(
      `${path}: is not a valid URL; expected something like https://k8s.example.com:6443`,
    );
  }
  if (url.protocol === 'http:' && !allowHttp) {
    throw new InputError(
      `${path}: must use https://; plain http:// would send credentials unencrypted`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(`${path}: must be an https:// URL`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new InputError(
      `${path}: must not contain a user name or password; put credentials in the user entry`,
    );
  }
  // The WHATWG parser has already turned decimal, hex, octal and short IPv4
  // forms into dotted quads, IPv6 into compressed hex, and decoded
  // percent-escapes and full-width characters in names.
  const reason = blockedHostReason(url.hostname);
  if (reason) {
    throw new InputError(`${path}: points at ${url.hostname}, ${reason}`);
  }
  // Keep paths (e.g. Rancher proxies) but drop a trailing slash, since
  // clients append API paths to the server URL.
  return url.href.endsWith('/') ? url.href.slice(0, -1) : url.href;
}

/** Why a canonical WHATWG hostname must not be used, if it must not. */
function blockedHostReason(hostname: string): string | undefined {
  const ipv4 = parseIpv4(hostname);
  if (ipv4) {
    return blockedIpv4Reason(ipv4);
  }
  if (hostname.startsWith('[')) {
    const groups = parseIpv6(hostname.slice(1, -1));
    if (!groups) {
      // Fail closed on anything the parser below does not understand.
      return 'an IPv6 address that could not be checked';
    }
    return blockedIpv6Reason(groups);
  }
  const name = hostname.toLowerCase().replace(/\.+$/, '');
  if (METADATA_HOSTNAMES.has(name)) {
    return 'a cloud metadata service, which must not receive credentials';
  }
  return undefined;
}

function parseIpv4(hostname: string): number[] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname);
  return match ? match.slice(1).map(Number) : undefined;
}

function blockedIpv4Reason([a, b, c, d]: number[]): string | undefined {
  if (a === 169 && b === 254) {
    return 'a link-local address (169.254.0.0/16), where cloud metadata services live';
  }
  if (a === 100 && b === 100 && c === 100 && d === 200) {
    return 'the Alibaba Cloud metadata service address';
  }
  return undefined;
}

/**
 * Expands an IPv6 address as the WHATWG parser serialises it (lowercase hex
 * groups, at most one `::`, no embedded dotted quad) into eight numbers.
 */
function parseIpv6(address: string): number[] | undefined {
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string) =>
    part === '' ? [] : part.split(':').map(g => parseInt(g, 16));
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array(missing).fill(0), ...tail];
  if (groups.some(g => !Number.isInteger(g) || g < 0 || g > 0xffff)) {
    return undefined;
  }
  return groups;
}

function blockedIpv6Reason(groups: number[]): string | undefined {
  if ((groups[0] & 0xffc0) === 0xfe80) {
    return 'a link-local address (fe80::/10)';
  }
  if (groups.join(':') === [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254].join(':')) {
    return 'the AWS instance metadata service (fd00:ec2::254)';
  }
  // IPv4 addresses embedded in IPv6: mapped (::ffff:0:0/96), compatible
  // (::/96) and NAT64 (64:ff9b::/96) all reach the IPv4 address.
  const zeros = (from: number, to: number) =>
    groups.slice(from, to).every(g => g === 0);
  const embedsIpv4 =
    (zeros(0, 5) && (groups[5] === 0xffff || groups[5] === 0)) ||
    (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6));
  if (embedsIpv4) {
    const reason = blockedIpv4Reason([
      groups[6] >> 8,
      groups[6] & 0xff,
      groups[7] >> 8,
      groups[7] & 0xff,
    ]);
    if (reason) return `an IPv6 form of ${reason}`;
  }
  return undefined;
}

/** Whether a string holds whitespace or control characters. */
function hasControlOrSpace(text: string): boolean {
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code <= 0x20 || code === 0x7f || /\s/.test(char)) {
      return true;
    }
  }
  return false;
}
