import { z } from 'zod';
import { auditSchemas } from './audit';
import { changeSchemas } from './changes';
import { clusterSchemas } from './clusters';
import { resourceSchemas } from './resources';

/** Every problem of an input, as `path: message`, or the parsed value. */
function check(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  return result.success
    ? { value: result.data }
    : {
        problems: result.error.issues.map(
          issue => [...issue.path, ''].join('.') + issue.message,
        ),
      };
}

/** Every problem of an input, none when it is valid. */
const problemsOf = (schema: z.ZodType, input: unknown) =>
  check(schema, input).problems ?? [];

const kubeconfig = 'apiVersion: v1\nkind: Config\n';

describe('clusterSchemas', () => {
  it.each([
    ['a', true],
    ['prod-eu-1', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['Prod', false],
    ['-prod', false],
    ['prod-', false],
    ['prod.eu', false],
    ['', false],
  ])('name %j is valid: %s', (name, valid) => {
    expect(clusterSchemas.name.safeParse(name).success).toBe(valid);
  });

  it.each([
    ['a plain name', { team: 'shop' }, []],
    ['a prefixed name', { 'example.com/team': 'shop' }, []],
    [
      'a name with a space',
      { 'team shop': 'x' },
      [
        'team shop.label names are like team or example.com/team: at most 63 letters, digits, -, _ and ., starting and ending with a letter or digit',
      ],
    ],
    [
      'a value of 64 characters',
      { team: 'x'.repeat(64) },
      [
        'team.label values are empty or at most 63 letters, digits, -, _ and ., starting and ending with a letter or digit',
      ],
    ],
    [
      '51 labels',
      Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`l${i}`, 'v'])),
      ['at most 50 labels'],
    ],
  ])('labels, %s: %j', (_case, labels, problems) => {
    expect(problemsOf(clusterSchemas.labels, labels)).toEqual(problems);
  });

  it.each([
    ['a name', { kubeconfig, name: 'staging' }, []],
    [
      'a title and group',
      { kubeconfig, name: 'staging', title: 'Staging', group: 'eu' },
      [],
    ],
    [
      'no kubeconfig',
      { kubeconfig: '', name: 'staging' },
      ['kubeconfig.paste a kubeconfig'],
    ],
    [
      'a kubeconfig over 256 KiB',
      { kubeconfig: 'x'.repeat(256 * 1024 + 1), name: 'staging' },
      ['kubeconfig.is too large'],
    ],
    [
      'an uppercase name',
      { kubeconfig, name: 'Staging' },
      [
        'name.must be a lowercase DNS label (letters, digits and dashes, at most 63 characters)',
      ],
    ],
    [
      'an empty title',
      { kubeconfig, name: 'staging', title: '' },
      ['title.Too small: expected string to have >=1 characters'],
    ],
    [
      'an unknown field',
      { kubeconfig, name: 'staging', token: 'secret' },
      ['Unrecognized key: "token"'],
    ],
  ])('registerBody, %s: %j', (_case, body, problems) => {
    expect(problemsOf(clusterSchemas.registerBody, body)).toEqual(problems);
  });

  it.each([
    [{ title: 'Staging' }, []],
    [{ group: null }, []],
    [{ readOnly: true }, []],
    [
      {},
      ['change at least one of title, group, labels, readOnly, impersonate'],
    ],
    [
      { name: 'other' },
      [
        'Unrecognized key: "name"',
        'change at least one of title, group, labels, readOnly, impersonate',
      ],
    ],
  ])('updateBody %j: %j', (body, problems) => {
    expect(problemsOf(clusterSchemas.updateBody, body)).toEqual(problems);
  });

  const exported = {
    name: 'staging',
    title: 'Staging',
    url: 'https://staging.example.com:6443',
    labels: {},
    readOnly: false,
    impersonate: false,
  };

  it.each([
    [{ clusters: [exported] }, []],
    [{ clusters: [{ ...exported, credentials: { token: 't' } }] }, []],
    [{ clusters: [] }, ['clusters.import at least one cluster']],
    // The server-URL policy is the backend's, applied when imported.
    [{ clusters: [{ ...exported, url: 'http://staging.example.com' }] }, []],
    [
      { clusters: [{ ...exported, credentials: { password: 'p' } }] },
      ['clusters.0.credentials.Unrecognized key: "password"'],
    ],
  ])('importBody %#: %j', (body, problems) => {
    expect(problemsOf(clusterSchemas.importBody, body)).toEqual(problems);
  });

  it.each([
    [{}, []],
    [{ includeCredentials: 'true' }, []],
    [
      { includeCredentials: 'yes' },
      ['includeCredentials.Invalid option: expected one of "true"|"false"'],
    ],
  ])('exportQuery %j: %j', (query, problems) => {
    expect(problemsOf(clusterSchemas.exportQuery, query)).toEqual(problems);
  });
});

describe('resourceSchemas', () => {
  it.each([
    ['deployments', true],
    ['Deployment', true],
    ['deployments.apps', true],
    ['clonesets.apps.kruise.io', true],
    ['deploy ments', false],
    ['.apps', false],
    ['x'.repeat(254), false],
  ])('resource %j is valid: %s', (resource, valid) => {
    expect(resourceSchemas.resource.safeParse(resource).success).toBe(valid);
  });

  it.each([
    ['web', true],
    ['web-1.example', true],
    ['system:controller:job', true],
    ['Web', false],
    ['web/1', false],
    ['web-', false],
  ])('objectName %j is valid: %s', (name, valid) => {
    expect(resourceSchemas.objectName.safeParse(name).success).toBe(valid);
  });

  it.each([
    [{}, { value: {} }],
    [
      { namespace: 'shop', limit: '50', labelSelector: 'app=web' },
      { value: { namespace: 'shop', limit: 50, labelSelector: 'app=web' } },
    ],
    [
      { limit: '0' },
      { problems: ['limit.Too small: expected number to be >=1'] },
    ],
    [
      { limit: 'many' },
      { problems: ['limit.Invalid input: expected number, received NaN'] },
    ],
    [
      { namespace: 'Shop' },
      {
        problems: [
          'namespace.must be a lowercase DNS label (letters, digits and dashes, at most 63 characters)',
        ],
      },
    ],
    [{ sort: 'name' }, { problems: ['Unrecognized key: "sort"'] }],
  ])('listQuery %j: %j', (query, expected) => {
    expect(check(resourceSchemas.listQuery, query)).toEqual(expected);
  });

  it.each([
    [{ cluster: 'staging', resource: 'secrets', name: 'db' }, []],
    [
      { cluster: 'staging', resource: 'secrets', name: 'DB' },
      [
        'name.must be a Kubernetes object name (lowercase letters, digits, -, . and :)',
      ],
    ],
    [
      { cluster: 'Staging', resource: 'secrets', name: 'db' },
      [
        'cluster.must be a lowercase DNS label (letters, digits and dashes, at most 63 characters)',
      ],
    ],
  ])('objectParams %j: %j', (params, problems) => {
    expect(problemsOf(resourceSchemas.objectParams, params)).toEqual(problems);
  });

  it.each([
    [{}, []],
    [{ namespace: 'shop', propagationPolicy: 'Foreground' }, []],
    [
      { propagationPolicy: 'Now' },
      [
        'propagationPolicy.Invalid option: expected one of "Foreground"|"Background"|"Orphan"',
      ],
    ],
  ])('deleteQuery %j: %j', (query, problems) => {
    expect(problemsOf(resourceSchemas.deleteQuery, query)).toEqual(problems);
  });

  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace: 'shop', labels: { app: 'web' } },
    data: { mode: 'fast' },
  };

  it('keeps every field of an applied object', () => {
    expect(
      check(resourceSchemas.applyBody, { object: configMap, dryRun: true }),
    ).toEqual({ value: { object: configMap, dryRun: true } });
  });

  it.each([
    [
      { object: { ...configMap, apiVersion: '' } },
      ['object.apiVersion.is required'],
    ],
    [
      { object: { ...configMap, metadata: {} } },
      [
        'object.metadata.name.Invalid input: expected string, received undefined',
      ],
    ],
    [{ object: configMap, prune: true }, ['Unrecognized key: "prune"']],
  ])('applyBody %#: %j', (body, problems) => {
    expect(problemsOf(resourceSchemas.applyBody, body)).toEqual(problems);
  });

  it.each([
    ['patchBody' as const, { patch: { spec: { paused: true } } }, []],
    [
      'patchBody' as const,
      { patch: {} },
      ['patch.must change at least one field'],
    ],
    ['scaleBody' as const, { replicas: 3 }, []],
    [
      'scaleBody' as const,
      { replicas: -1 },
      ['replicas.Too small: expected number to be >=0'],
    ],
    [
      'scaleBody' as const,
      { replicas: 1.5 },
      ['replicas.Invalid input: expected int, received number'],
    ],
    [
      'scaleBody' as const,
      { replicas: '3' },
      ['replicas.Invalid input: expected number, received string'],
    ],
    ['rollbackBody' as const, {}, []],
    [
      'rollbackBody' as const,
      { revision: 0 },
      ['revision.Too small: expected number to be >=1'],
    ],
    ['emptyBody' as const, {}, []],
    ['emptyBody' as const, { force: true }, ['Unrecognized key: "force"']],
    ['workloadsQuery' as const, { labelSelector: 'app=web' }, []],
    [
      'workloadsQuery' as const,
      { labelSelector: '' },
      ['labelSelector.is required'],
    ],
  ])('%s %j: %j', (schema, input, problems) => {
    expect(problemsOf(resourceSchemas[schema], input)).toEqual(problems);
  });
});

describe('changeSchemas.query', () => {
  it.each([
    [{ resources: 'pods' }, { value: { resources: ['pods'] } }],
    [
      {
        resources: 'pods, deployments.apps',
        clusters: 'staging,prod',
        namespace: 'shop',
      },
      {
        value: {
          resources: ['pods', 'deployments.apps'],
          clusters: ['staging', 'prod'],
          namespace: 'shop',
        },
      },
    ],
    [
      {},
      {
        problems: [
          'resources.Invalid input: expected string, received undefined',
        ],
      },
    ],
    [{ resources: ',' }, { problems: ['resources.name at least one'] }],
    [
      { resources: 'pods', clusters: 'staging,Prod' },
      {
        problems: [
          'clusters.1.must be a lowercase DNS label (letters, digits and dashes, at most 63 characters)',
        ],
      },
    ],
    [
      { resources: 'pods', watch: 'true' },
      { problems: ['Unrecognized key: "watch"'] },
    ],
  ])('%j: %j', (query, expected) => {
    expect(check(changeSchemas.query, query)).toEqual(expected);
  });
});

describe('auditSchemas.query', () => {
  it.each([
    [{}, { value: {} }],
    [
      { since: '2026-11-27T10:00:00+01:00', limit: '20', outcome: 'failed' },
      {
        value: {
          since: '2026-11-27T09:00:00.000Z',
          limit: 20,
          outcome: 'failed',
        },
      },
    ],
    [{ since: 'yesterday' }, { problems: ['since.must be an ISO 8601 time'] }],
    [
      { outcome: 'maybe' },
      {
        problems: [
          'outcome.Invalid option: expected one of "succeeded"|"failed"',
        ],
      },
    ],
    [
      { limit: '501' },
      { problems: ['limit.Too big: expected number to be <=500'] },
    ],
    [{ password: 'x' }, { problems: ['Unrecognized key: "password"'] }],
  ])('%j: %j', (query, expected) => {
    expect(check(auditSchemas.query, query)).toEqual(expected);
  });
});
