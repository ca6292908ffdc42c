import { InputError } from '@backstage/errors';
import { stringify } from 'yaml';
import {
  listKubeconfigContexts,
  parseKubeconfig,
  ParseKubeconfigOptions,
} from './parseKubeconfig';
import { unsafeText } from '../__testUtils__/unsafeText';

// Secrets that must never show up in an error message.
const TOKEN = 'tok-SECRET-5f3c9a0b71e2d4';
const KEY_MATERIAL = 'MIIEvKEYSECRETmaterial0123456789';
const KEY_PEM = `-----BEGIN PRIVATE KEY-----\n${KEY_MATERIAL}\n-----END PRIVATE KEY-----\n`;
const CERT_PEM =
  '-----BEGIN CERTIFICATE-----\nMIIBcertificate\n-----END CERTIFICATE-----\n';
const CA_PEM =
  '-----BEGIN CERTIFICATE-----\nMIIBcaCert\n-----END CERTIFICATE-----\n';
const b64 = (text: string) => Buffer.from(text).toString('base64');
const KEY_DATA = b64(KEY_PEM);
const CERT_DATA = b64(CERT_PEM);
const CA_DATA = b64(CA_PEM);

type Kubeconfig = Record<string, any>;

/** A valid kubeconfig with a token user (prod) and a client-certificate user (dev). */
function baseConfig(): Kubeconfig {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'prod',
        cluster: {
          server: 'https://k8s.example.com:6443',
          'certificate-authority-data': CA_DATA,
        },
      },
      { name: 'dev', cluster: { server: 'https://10.0.0.5:6443' } },
    ],
    users: [
      { name: 'prod-admin', user: { token: TOKEN } },
      {
        name: 'dev-admin',
        user: {
          'client-certificate-data': CERT_DATA,
          'client-key-data': KEY_DATA,
        },
      },
    ],
    contexts: [
      {
        name: 'prod',
        context: { cluster: 'prod', user: 'prod-admin', namespace: 'shop' },
      },
      { name: 'dev', context: { cluster: 'dev', user: 'dev-admin' } },
    ],
    'current-context': 'prod',
  };
}

/** The base kubeconfig as YAML, after `change` has edited it. */
function kubeconfig(change: (config: Kubeconfig) => void = () => {}): string {
  const config = baseConfig();
  change(config);
  return stringify(config);
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

function withServer(server: string) {
  return kubeconfig(c => {
    c.clusters[0].cluster.server = server;
  });
}

// Aliases that would expand to 9^9 strings if resolved.
const aliasBomb = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefghi'
    .split('')
    .map(
      (name, i) =>
        `${name}: &${name} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`,
    ),
  'clusters: *i',
  'users: []',
  'contexts: []',
].join('\n');

type Refusal = [
  description: string,
  text: string,
  message: string | RegExp,
  options?: ParseOptions,
];

type ParseOptions = ParseKubeconfigOptions & { context?: string };

// Jest passes a `done` callback to a test function that declares one more
// parameter than its row has, so every row must carry its options.
function complete(
  table: Refusal[],
): Array<[string, string, string | RegExp, ParseOptions]> {
  return table.map(([description, text, message, options = {}]) => [
    description,
    text,
    message,
    options,
  ]);
}

const documentRefusals: Refusal[] = [
  [
    'a document over the default 64 KiB',
    kubeconfig(c => {
      c.preferences = { padding: 'x'.repeat(64 * 1024) };
    }),
    /the limit is 65536 bytes/,
  ],
  [
    'a document over the limit in UTF-8 bytes though not in characters',
    kubeconfig(c => {
      c.preferences = { padding: 'é'.repeat(40 * 1024) };
    }),
    /the limit is 65536 bytes/,
  ],
  [
    'a document over a custom limit',
    kubeconfig(),
    /the limit is 100 bytes/,
    { maxBytes: 100 },
  ],
  ['empty input', '', 'The kubeconfig is empty'],
  ['whitespace only', '  \n\t\n', 'The kubeconfig is empty'],
  ['only a comment', '# nothing here\n', 'The kubeconfig is empty'],
  ['an empty document', '---\n', 'The kubeconfig is empty'],
  [
    'more than one YAML document',
    `${kubeconfig()}---\n${kubeconfig()}`,
    'single YAML document; found 2',
  ],
  ['a list', '- clusters\n- users\n', 'must be a YAML mapping'],
  ['a plain string', 'hello', 'must be a YAML mapping'],
  [
    'a YAML alias',
    [
      'clusters: []',
      'users:',
      '  - name: a',
      '    user: &u',
      `      token: ${TOKEN}`,
      '  - name: b',
      '    user: *u',
      'contexts: []',
    ].join('\n'),
    /must not use YAML anchors \(&\) or aliases \(\*\) \(line \d+/,
  ],
  [
    'a YAML anchor without an alias',
    kubeconfig().replace('users:', 'users: &users'),
    'must not use YAML anchors',
  ],
  [
    'a YAML anchor on a key',
    kubeconfig().replace('kind: Config', '&k kind: Config'),
    'must not use YAML anchors',
  ],
  [
    'an alias bomb, before expanding it',
    aliasBomb,
    'must not use YAML anchors',
  ],
  [
    'a YAML syntax error, giving the line',
    `apiVersion: v1\nkind: Config\nclusters: [\n  token: ${TOKEN}\n`,
    /not valid YAML at line \d+, column \d+/,
  ],
  [
    'a duplicated key, giving the line',
    `apiVersion: v1\nkind: Config\nkind: Config\n`,
    'not valid YAML at line 3, column 1: a key appears more than once',
  ],
  [
    'a mapping key that is not text',
    `? [a, b]\n: 1\n${kubeconfig()}`,
    'must only use text as mapping keys (line 1',
  ],
  [
    'nesting deeper than a kubeconfig needs',
    kubeconfig(c => {
      c.preferences = JSON.parse(`${'{"a":'.repeat(40)}1${'}'.repeat(40)}`);
    }),
    'nested more than 32 levels deep',
  ],
  [
    'a kind other than Config',
    kubeconfig(c => {
      c.kind = 'Pod';
    }),
    'kind: must be "Config"',
  ],
  [
    'missing clusters',
    kubeconfig(c => {
      delete c.clusters;
    }),
    'clusters: required',
  ],
  [
    'missing users',
    kubeconfig(c => {
      delete c.users;
    }),
    'users: required',
  ],
  [
    'missing contexts',
    kubeconfig(c => {
      delete c.contexts;
    }),
    'contexts: required',
  ],
  [
    'clusters that is not a list',
    kubeconfig(c => {
      c.clusters = { prod: {} };
    }),
    'clusters: required',
  ],
  [
    'an empty contexts list',
    kubeconfig(c => {
      c.contexts = [];
    }),
    'contexts: the kubeconfig has no contexts',
  ],
];

const fieldRefusals: Refusal[] = [
  [
    'a CA file reference',
    kubeconfig(c => {
      c.clusters[1].cluster['certificate-authority'] = '/etc/ca.crt';
    }),
    'clusters[1].cluster.certificate-authority: file references are not allowed',
  ],
  [
    'a client certificate file reference',
    kubeconfig(c => {
      c.users[1].user['client-certificate'] = '/home/me/.kube/cert.pem';
    }),
    'users[1].user.client-certificate: file references are not allowed',
  ],
  [
    'a client key file reference',
    kubeconfig(c => {
      c.users[0].user['client-key'] = '/home/me/.kube/key.pem';
    }),
    'users[0].user.client-key: file references are not allowed',
  ],
  [
    'a tokenFile reference',
    kubeconfig(c => {
      c.users[0].user.tokenFile = '/var/run/secrets/token';
    }),
    'users[0].user.tokenFile: file references are not allowed',
  ],
  [
    'a token-file reference',
    kubeconfig(c => {
      c.users[0].user['token-file'] = '/var/run/secrets/token';
    }),
    'users[0].user.token-file: file references are not allowed',
  ],
  [
    'a file reference nested in extensions',
    kubeconfig(c => {
      c.clusters[0].cluster.extensions = [
        { name: 'x', extension: { 'client-key': '/key.pem' } },
      ];
    }),
    'clusters[0].cluster.extensions[0].extension.client-key: file references',
  ],
  [
    'a file reference beside the user mapping',
    kubeconfig(c => {
      c.users[1]['certificate-authority'] = '/ca.pem';
    }),
    'users[1].certificate-authority: file references',
  ],
  [
    'an exec credential plugin',
    kubeconfig(c => {
      c.users[0].user.exec = {
        apiVersion: 'client.authentication.k8s.io/v1',
        command: 'aws',
        args: ['eks', 'get-token'],
      };
    }),
    'users[0].user.exec: credential plugins are not allowed; paste a kubeconfig with an inline token or client certificate',
  ],
  [
    'an auth-provider',
    kubeconfig(c => {
      c.users[1].user['auth-provider'] = { name: 'gcp' };
    }),
    'users[1].user.auth-provider: credential plugins are not allowed',
  ],
  [
    'a username',
    kubeconfig(c => {
      c.users[0].user.username = 'admin';
    }),
    'users[0].user.username: basic authentication is not supported',
  ],
  [
    'a password',
    kubeconfig(c => {
      c.users[0].user.password = 'hunter2';
    }),
    'users[0].user.password: basic authentication is not supported',
  ],
  ...['impersonate', 'as', 'as-groups', 'as-uid', 'as-user-extra'].map(
    (field): Refusal => [
      `impersonation with ${field}`,
      kubeconfig(c => {
        c.users[0].user[field] = field === 'as' ? 'system:admin' : ['x'];
      }),
      `users[0].user.${field}: impersonation is not supported`,
    ],
  ),
  [
    'a proxy-url',
    kubeconfig(c => {
      c.clusters[0].cluster['proxy-url'] = 'socks5://proxy:1080';
    }),
    'clusters[0].cluster.proxy-url: proxies are not supported',
  ],
  [
    'a missing server',
    kubeconfig(c => {
      delete c.clusters[1].cluster.server;
    }),
    'clusters[1].cluster.server: required',
  ],
  [
    'a plain http server',
    withServer('http://k8s.example.com'),
    'clusters[0].cluster.server: must use https://',
  ],
  [
    'a non-http scheme',
    withServer('ftp://k8s.example.com'),
    'clusters[0].cluster.server: must be an https:// URL',
  ],
  [
    'a server without a scheme',
    withServer('k8s.example.com:6443'),
    'clusters[0].cluster.server: must be an https:// URL',
  ],
  [
    'an unparseable server',
    withServer('https://exa mple.com'),
    'clusters[0].cluster.server: is not a valid URL',
  ],
  [
    'a server with a user name and password',
    withServer('https://admin:hunter2@k8s.example.com'),
    'clusters[0].cluster.server: must not contain a user name or password',
  ],
  [
    'a server with a user name',
    withServer(`https://${TOKEN}@k8s.example.com`),
    'clusters[0].cluster.server: must not contain a user name or password',
  ],
  [
    'a server that is not a string',
    withServer(6443 as unknown as string),
    'clusters[0].cluster.server: required',
  ],
  [
    'a context naming a missing cluster',
    kubeconfig(c => {
      c.contexts[1].context.cluster = 'staging';
    }),
    'contexts[1].context.cluster: no cluster named "staging" in clusters',
  ],
  [
    'a context naming a missing user',
    kubeconfig(c => {
      c.contexts[0].context.user = 'nobody';
    }),
    'contexts[0].context.user: no user named "nobody" in users',
  ],
  [
    'a context without a user',
    kubeconfig(c => {
      delete c.contexts[0].context.user;
    }),
    'contexts[0].context.user: must be a non-empty string',
  ],
  [
    'a cluster entry without a cluster mapping',
    kubeconfig(c => {
      c.clusters[1].cluster = 'https://10.0.0.5';
    }),
    'clusters[1].cluster: must be a mapping',
  ],
  [
    'an entry without a name',
    kubeconfig(c => {
      delete c.users[1].name;
    }),
    'users[1].name: must be a non-empty string',
  ],
  [
    'duplicate cluster names',
    kubeconfig(c => {
      c.clusters[1].name = 'prod';
    }),
    'clusters[1].name: "prod" is used by an earlier entry',
  ],
  [
    'duplicate context names',
    kubeconfig(c => {
      c.contexts[1].name = 'prod';
    }),
    'contexts[1].name: "prod" is used by an earlier entry',
  ],
  [
    'a non-boolean insecure-skip-tls-verify',
    kubeconfig(c => {
      c.clusters[0].cluster['insecure-skip-tls-verify'] = 'yes';
    }),
    'clusters[0].cluster.insecure-skip-tls-verify: must be true or false',
  ],
  ...(
    [
      ['clusters[0].cluster', 'certificate-authority-data'],
      ['users[1].user', 'client-certificate-data'],
      ['users[1].user', 'client-key-data'],
    ] as const
  ).flatMap(([path, field]): Refusal[] => {
    const set = (value: unknown) =>
      kubeconfig(c => {
        const entry = path.startsWith('clusters')
          ? c.clusters[0].cluster
          : c.users[1].user;
        entry[field] = value;
      });
    return [
      [
        `${field} that is PEM text rather than base64`,
        set(KEY_PEM),
        `${path}.${field}: is not valid base64`,
      ],
      [
        `${field} that is not base64`,
        set(`${KEY_DATA}!!`),
        `${path}.${field}: is not valid base64`,
      ],
      [
        `${field} with bad base64 padding`,
        set(KEY_DATA.replace(/=*$/, '').slice(0, -1)),
        `${path}.${field}: is not valid base64`,
      ],
      [
        `${field} that is base64 but not PEM`,
        set(b64(`not pem ${KEY_MATERIAL}`)),
        `${path}.${field}: does not decode to PEM`,
      ],
      [
        `${field} that is empty`,
        set(''),
        `${path}.${field}: is not valid base64`,
      ],
      [
        `${field} that is not a string`,
        set(['a']),
        `${path}.${field}: must be a base64-encoded PEM string`,
      ],
    ];
  }),
  [
    'a token with spaces',
    kubeconfig(c => {
      c.users[0].user.token = `Bearer ${TOKEN}`;
    }),
    'users[0].user.token: must be a single word',
  ],
  [
    'a token that is not a string',
    kubeconfig(c => {
      c.users[0].user.token = 12345;
    }),
    'users[0].user.token: must be a string',
  ],
  [
    'insecure-skip-tls-verify without the setting that allows it',
    kubeconfig(c => {
      c.clusters[0].cluster['insecure-skip-tls-verify'] = true;
    }),
    'clusters[0].cluster.insecure-skip-tls-verify: turns off verification of the API server certificate and is refused',
  ],
  ...unsafeText.flatMap(([what, name, reason]): Refusal[] => [
    [
      `a context name with ${what}`,
      kubeconfig(c => {
        c.contexts[1].name = name;
      }),
      `contexts[1].name: must not contain ${reason}`,
    ],
    [
      `a cluster name with ${what}`,
      kubeconfig(c => {
        c.clusters[1].name = name;
        c.contexts[1].context.cluster = name;
      }),
      `clusters[1].name: must not contain ${reason}`,
    ],
    [
      `a namespace with ${what}`,
      kubeconfig(c => {
        c.contexts[0].context.namespace = name;
      }),
      `contexts[0].context.namespace: must not contain ${reason}`,
    ],
  ]),
  [
    'a current-context with a terminal escape',
    kubeconfig(c => {
      c['current-context'] = 'prod\u001b[2J';
    }),
    'current-context: must not contain control characters',
  ],
  [
    'a problem in a user no context uses',
    kubeconfig(c => {
      c.users.push({ name: 'unused', user: { exec: { command: 'sh' } } });
    }),
    'users[2].user.exec: credential plugins are not allowed',
  ],
];

const selectionRefusals: Refusal[] = [
  [
    'a requested context that does not exist, listing the available ones',
    kubeconfig(),
    'context: the kubeconfig has no context named "staging"; available contexts: "prod", "dev"',
    { context: 'staging' },
  ],
  [
    'a current-context that does not exist',
    kubeconfig(c => {
      c['current-context'] = 'gone';
    }),
    'current-context: names "gone", which is not in contexts; choose one of: "prod", "dev"',
  ],
  [
    'no current-context with several contexts',
    kubeconfig(c => {
      delete c['current-context'];
    }),
    'current-context: not set and the kubeconfig has 2 contexts; choose one of: "prod", "dev"',
  ],
  [
    'an empty current-context with several contexts',
    kubeconfig(c => {
      c['current-context'] = '';
    }),
    'current-context: not set',
  ],
  [
    'a selected user without any credential',
    kubeconfig(c => {
      c.users[0].user = {};
    }),
    'users[0].user: has no inline credential; add a token, or both client-certificate-data and client-key-data',
  ],
  [
    'a selected user with a null user mapping',
    kubeconfig(c => {
      c.users[0].user = null;
    }),
    'users[0].user: has no inline credential',
  ],
  [
    'a selected user with a certificate but no key',
    kubeconfig(c => {
      delete c.users[1].user['client-key-data'];
    }),
    'users[1].user.client-key-data: required together with client-certificate-data',
    { context: 'dev' },
  ],
  [
    'a selected user with a key but no certificate',
    kubeconfig(c => {
      delete c.users[1].user['client-certificate-data'];
    }),
    'users[1].user.client-certificate-data: required together with client-key-data',
    { context: 'dev' },
  ],
];

const blockedServers: Array<[server: string, reason: string]> = [
  ['https://169.254.169.254', 'link-local'],
  ['https://169.254.169.254:443/latest/meta-data', 'link-local'],
  ['https://169.254.0.1', 'link-local'],
  ['https://169.254.255.255', 'link-local'],
  ['https://169.254.169.254.', 'link-local'],
  ['https://2852039166', 'link-local'],
  ['https://0xa9fea9fe', 'link-local'],
  ['https://0xA9.0xFE.0xA9.0xFE', 'link-local'],
  ['https://0251.0376.0251.0376', 'link-local'],
  ['https://169.254.43518', 'link-local'],
  ['https://169.16689662', 'link-local'],
  ['https://[fe80::1]', 'link-local address (fe80::/10)'],
  ['https://[FE80::a:b:c:d]:6443', 'link-local address (fe80::/10)'],
  ['https://[febf:ffff::1]', 'link-local address (fe80::/10)'],
  ['https://[::ffff:169.254.169.254]', 'IPv6 form of a link-local'],
  ['https://[::ffff:a9fe:a9fe]', 'IPv6 form of a link-local'],
  ['https://[0:0:0:0:0:ffff:a9fe:a9fe]', 'IPv6 form of a link-local'],
  ['https://[::169.254.169.254]', 'IPv6 form of a link-local'],
  ['https://[64:ff9b::169.254.169.254]', 'IPv6 form of a link-local'],
  ['https://[fd00:ec2::254]', 'AWS instance metadata'],
  ['https://[fd00:0ec2:0:0:0:0:0:254]:443', 'AWS instance metadata'],
  ['https://100.100.100.200', 'Alibaba Cloud metadata'],
  ['https://metadata.google.internal', 'cloud metadata service'],
  ['https://METADATA.Google.Internal.', 'cloud metadata service'],
  ['https://metadata', 'cloud metadata service'],
  ['https://metadata.', 'cloud metadata service'],
  ['https://%6Detadata.goog', 'cloud metadata service'],
  ['https://instance-data', 'cloud metadata service'],
  ['https://instance-data.ec2.internal', 'cloud metadata service'],
  ['https://Instance-Data.EC2.Internal..', 'cloud metadata service'],
];

const allRefusals = [
  ...documentRefusals,
  ...fieldRefusals,
  ...selectionRefusals,
  ...blockedServers.map(
    ([server, reason]): Refusal => [server, withServer(server), reason],
  ),
];

describe('parseKubeconfig', () => {
  describe.each([
    ['document', documentRefusals],
    ['field', fieldRefusals],
  ])('%s checks', (_, table) => {
    it.each(complete(table))(
      'refuses %s, naming the problem',
      (_description, text, message, options) => {
        for (const parse of [
          () => parseKubeconfig(text, options),
          () => listKubeconfigContexts(text, options),
        ]) {
          const error = errorOf(parse);
          expect(error).toBeInstanceOf(InputError);
          expect(error.message).toMatch(message);
        }
      },
    );
  });

  it.each(complete(selectionRefusals))(
    'refuses %s when extracting credentials, naming the field',
    (_description, text, message, options) => {
      const error = errorOf(() => parseKubeconfig(text, options));
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain(message);
    },
  );

  it.each(blockedServers)('refuses the server %s (%s)', (server, reason) => {
    const error = errorOf(() => parseKubeconfig(withServer(server)));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(
      /^clusters\[0\]\.cluster\.server: points at /,
    );
    expect(error.message).toContain(reason);
  });

  it.each([
    'https://127.0.0.1:6443',
    'https://10.0.0.1',
    'https://169.253.255.255',
    'https://169.255.0.1',
    'https://100.100.100.201',
    'https://[::1]:6443',
    'https://[fec0::1]',
    'https://[fd00:ec2::253]',
    'https://[::ffff:10.0.0.1]',
    'https://metadata.example.com',
    'https://my-metadata',
    'https://kubernetes.default.svc',
  ])('accepts the server %s', server => {
    expect(
      parseKubeconfig(withServer(server)).credentials.server,
    ).toBeDefined();
  });

  it('accepts plain http only when allowHttp is set', () => {
    const text = withServer('http://localhost:8080');
    expect(() => parseKubeconfig(text)).toThrow(InputError);
    expect(parseKubeconfig(text, { allowHttp: true }).credentials.server).toBe(
      'http://localhost:8080',
    );
  });

  it('refuses link-local http servers even when allowHttp is set', () => {
    expect(() =>
      parseKubeconfig(withServer('http://169.254.169.254'), {
        allowHttp: true,
      }),
    ).toThrow('clusters[0].cluster.server: points at 169.254.169.254');
  });

  it('returns the token credentials of the current context', () => {
    expect(parseKubeconfig(kubeconfig())).toEqual({
      context: {
        name: 'prod',
        cluster: 'prod',
        user: 'prod-admin',
        namespace: 'shop',
        server: 'https://k8s.example.com:6443',
      },
      credentials: {
        server: 'https://k8s.example.com:6443',
        caData: CA_DATA,
        token: TOKEN,
      },
    });
  });

  it('returns the client certificate credentials of a requested context', () => {
    expect(parseKubeconfig(kubeconfig(), { context: 'dev' })).toEqual({
      context: {
        name: 'dev',
        cluster: 'dev',
        user: 'dev-admin',
        server: 'https://10.0.0.5:6443',
      },
      credentials: {
        server: 'https://10.0.0.5:6443',
        clientCertData: CERT_DATA,
        clientKeyData: KEY_DATA,
      },
    });
  });

  it('returns the only context when no current-context is set', () => {
    const text = kubeconfig(c => {
      delete c['current-context'];
      c.contexts = [c.contexts[1]];
    });
    expect(parseKubeconfig(text).context.name).toBe('dev');
  });

  it('returns a requested context over the current-context', () => {
    expect(parseKubeconfig(kubeconfig(), { context: 'dev' }).context.name).toBe(
      'dev',
    );
  });

  it('returns a requested context even when current-context is dangling', () => {
    const text = kubeconfig(c => {
      c['current-context'] = 'gone';
    });
    expect(parseKubeconfig(text, { context: 'prod' }).context.name).toBe(
      'prod',
    );
  });

  it('returns both a token and a client certificate when a user has both', () => {
    const text = kubeconfig(c => {
      c.users[0].user['client-certificate-data'] = CERT_DATA;
      c.users[0].user['client-key-data'] = KEY_DATA;
    });
    expect(parseKubeconfig(text).credentials).toEqual({
      server: 'https://k8s.example.com:6443',
      caData: CA_DATA,
      token: TOKEN,
      clientCertData: CERT_DATA,
      clientKeyData: KEY_DATA,
    });
  });

  it('passes skipTLSVerify through alongside certificate-authority-data', () => {
    const text = kubeconfig(c => {
      c.clusters[0].cluster['insecure-skip-tls-verify'] = true;
    });
    expect(
      parseKubeconfig(text, { allowInsecureSkipTlsVerify: true }).credentials,
    ).toMatchObject({
      caData: CA_DATA,
      skipTLSVerify: true,
    });
  });

  it('leaves skipTLSVerify out when it is false', () => {
    const text = kubeconfig(c => {
      c.clusters[0].cluster['insecure-skip-tls-verify'] = false;
    });
    expect(parseKubeconfig(text).credentials).not.toHaveProperty(
      'skipTLSVerify',
    );
  });

  it('returns base64 data without the line breaks it was wrapped with', () => {
    const wrapped = KEY_DATA.replace(/(.{20})/g, '$1\n');
    const text = kubeconfig(c => {
      c.users[1].user['client-key-data'] = `\n${wrapped}\n`;
    });
    expect(
      parseKubeconfig(text, { context: 'dev' }).credentials.clientKeyData,
    ).toBe(KEY_DATA);
  });

  it('returns the token without the newline a block scalar leaves', () => {
    const text = kubeconfig(c => {
      c.users[0].user.token = `${TOKEN}\n`;
    });
    expect(parseKubeconfig(text).credentials.token).toBe(TOKEN);
  });

  it.each([
    ['https://K8S.Example.COM:6443/', 'https://k8s.example.com:6443'],
    ['https://k8s.example.com:443', 'https://k8s.example.com'],
    [
      'https://rancher.example.com/k8s/clusters/c-abc/',
      'https://rancher.example.com/k8s/clusters/c-abc',
    ],
    ['https://0x7f.1:6443', 'https://127.0.0.1:6443'],
  ])('returns the server %s canonicalised as %s', (server, expected) => {
    const { context, credentials } = parseKubeconfig(withServer(server));
    expect(credentials.server).toBe(expected);
    expect(context.server).toBe(expected);
  });

  it('accepts a kubeconfig without kind and apiVersion', () => {
    const text = kubeconfig(c => {
      delete c.kind;
      delete c.apiVersion;
    });
    expect(parseKubeconfig(text).context.name).toBe('prod');
  });

  it('accepts a document up to the size limit', () => {
    const text = kubeconfig();
    const bytes = Buffer.byteLength(text);
    expect(() => parseKubeconfig(text, { maxBytes: bytes })).not.toThrow();
    expect(() => parseKubeconfig(text, { maxBytes: bytes - 1 })).toThrow(
      InputError,
    );
  });

  it('accepts an own __proto__ key without polluting prototypes', () => {
    const text = `${kubeconfig()}__proto__:\n  polluted: true\n`;
    expect(parseKubeconfig(text).context.name).toBe('prod');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('listKubeconfigContexts', () => {
  it('returns every context with its server, and the current context', () => {
    expect(listKubeconfigContexts(kubeconfig())).toEqual({
      contexts: [
        {
          name: 'prod',
          cluster: 'prod',
          user: 'prod-admin',
          namespace: 'shop',
          server: 'https://k8s.example.com:6443',
        },
        {
          name: 'dev',
          cluster: 'dev',
          user: 'dev-admin',
          server: 'https://10.0.0.5:6443',
        },
      ],
      currentContext: 'prod',
    });
  });

  it.each([
    ['missing', (c: Kubeconfig) => delete c['current-context']],
    ['empty', (c: Kubeconfig) => (c['current-context'] = '')],
    ['dangling', (c: Kubeconfig) => (c['current-context'] = 'gone')],
  ])('returns no current context when it is %s', (_, change) => {
    const result = listKubeconfigContexts(kubeconfig(change));
    expect(result).not.toHaveProperty('currentContext');
    expect(result.contexts).toHaveLength(2);
  });

  it('lists contexts whose user has no credential yet', () => {
    const text = kubeconfig(c => {
      c.users[0].user = {};
    });
    expect(listKubeconfigContexts(text).contexts).toHaveLength(2);
  });

  it.each(
    complete(
      selectionRefusals.filter(([description]) =>
        description.startsWith('a selected user'),
      ),
    ),
  )(
    'refuses %s, in any context, when credentials are required',
    (_description, text, message) => {
      const error = errorOf(() =>
        listKubeconfigContexts(text, { requireCredentials: true }),
      );
      expect(error).toBeInstanceOf(InputError);
      expect(error.message).toContain(message);
    },
  );
});

describe('error messages', () => {
  const secrets = [TOKEN, KEY_MATERIAL, KEY_DATA, KEY_PEM, 'hunter2'];

  it.each(complete(allRefusals))(
    'never include a token or key data when refusing %s',
    (_description, text, _message, options) => {
      for (const parse of [
        () => parseKubeconfig(text, options),
        () => listKubeconfigContexts(text, options),
      ]) {
        let message = '';
        try {
          parse();
        } catch (error) {
          message = String((error as Error).message);
        }
        for (const secret of secrets) {
          expect(message).not.toContain(secret);
        }
      }
    },
  );

  it.each([
    [
      'a bad escape in a quoted token',
      `users:\n- name: a\n  user:\n    token: "${TOKEN}\\q"\n`,
    ],
    [
      'an unterminated quoted token',
      `users:\n- name: a\n  user:\n    token: "${TOKEN}\n`,
    ],
    [
      'a token breaking a flow mapping',
      `users: [{name: a, user: {token: ${TOKEN} }: x}]\n`,
    ],
    ['extra characters after a block scalar header', `token: |${TOKEN}\n  x\n`],
    ['an unknown tag', `token: !${TOKEN} x\nclusters: 1\n`],
    ['key data on a badly indented line', `a:\n  b: 1\n c: ${KEY_DATA}\n`],
  ])(
    'never include the secret when YAML parsing fails on %s',
    (_description, text) => {
      const error = errorOf(() => parseKubeconfig(text));
      expect(error).toBeInstanceOf(InputError);
      for (const secret of secrets) {
        expect(error.message).not.toContain(secret);
      }
    },
  );
});
