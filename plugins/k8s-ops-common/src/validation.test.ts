import {
  displayTextProblem,
  dnsLabelProblem,
  labelKeyProblem,
  labelsSchema,
  labelValueProblem,
} from './validation';

describe('dnsLabelProblem', () => {
  it.each(['a', 'prod', 'prod-eu-1', '0', 'a'.repeat(63)])('accepts %s', name =>
    expect(dnsLabelProblem(name)).toBeUndefined(),
  );

  it.each(['', 'Prod', '-prod', 'prod-', 'prod_eu', 'prod.eu', 'a'.repeat(64)])(
    'refuses %j',
    name => expect(dnsLabelProblem(name)).toContain('lowercase DNS label'),
  );
});

describe('labelKeyProblem', () => {
  it.each([
    'team',
    'Team',
    'a',
    'app.kubernetes.io/name',
    'example.com/team_name.v2',
    'k8s.io/A-b_c.D',
    'x'.repeat(63),
    `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}/n`,
  ])('accepts %s', key => expect(labelKeyProblem(key)).toBeUndefined());

  it.each([
    ['', 'label names'],
    ['x'.repeat(64), 'label names'],
    ['-team', 'label names'],
    ['team-', 'label names'],
    ['_team', 'label names'],
    ['team name', 'label names'],
    ['team\r\n', 'label names'],
    ['<script>', 'label names'],
    ['team\u202e', 'label names'],
    ['example.com/', 'label names'],
    ['a/b/c', 'prefix'],
    ['/team', 'prefix'],
    ['Example.com/team', 'prefix'],
    ['example_com/team', 'prefix'],
    ['-example.com/team', 'prefix'],
    ['example..com/team', 'prefix'],
    [`${'a'.repeat(250)}.com/team`, 'at most 253'],
  ])('refuses %j (%s)', (key, reason) =>
    expect(labelKeyProblem(key)).toContain(reason),
  );
});

describe('labelValueProblem', () => {
  it.each(['', 'shop', 'Shop_1.v-2', 'v'.repeat(63)])('accepts %j', value =>
    expect(labelValueProblem(value)).toBeUndefined(),
  );

  it.each(['v'.repeat(64), '-shop', 'shop-', 'shop\n', 'a b', '<b>', 'a/b'])(
    'refuses %j',
    value => expect(labelValueProblem(value)).toContain('label values'),
  );
});

describe('displayTextProblem', () => {
  it.each([
    'Production',
    'Production – Zürich',
    'עברית',
    'مرحبا',
    '日本語 🚀',
    'R&D "prod"',
  ])('accepts %s', text => expect(displayTextProblem(text)).toBeUndefined());

  it.each([
    ['\u0000', 'control'],
    ['\t', 'control'],
    ['\n', 'control'],
    ['\r', 'control'],
    ['\u001b', 'control'],
    ['\u007f', 'control'],
    ['\u0085', 'control'],
    ['\u009b', 'control'],
    ['\u202a', 'bidirectional'],
    ['\u202b', 'bidirectional'],
    ['\u202c', 'bidirectional'],
    ['\u202d', 'bidirectional'],
    ['\u202e', 'bidirectional'],
    ['\u2066', 'bidirectional'],
    ['\u2067', 'bidirectional'],
    ['\u2068', 'bidirectional'],
    ['\u2069', 'bidirectional'],
    ['\ud800', 'unpaired'],
    ['\udbff', 'unpaired'],
    ['\udc00', 'unpaired'],
    ['\udfff', 'unpaired'],
    ['<', '< or >'],
    ['>', '< or >'],
  ])('refuses text holding %j (%s)', (char, reason) =>
    expect(displayTextProblem(`a${char}b`)).toContain(reason),
  );
});

describe('labelsSchema', () => {
  it('names each refused key, and refuses more than 50 labels', () => {
    const result = labelsSchema.safeParse({ ok: 'yes', 'bad key': 'x' });
    expect(result.error?.issues.map(i => i.path)).toEqual([['bad key']]);
    const many = Object.fromEntries(
      Array.from({ length: 51 }, (_, i) => [`l${i}`, 'v']),
    );
    expect(labelsSchema.safeParse(many).error?.issues[0].message).toBe(
      'at most 50 labels',
    );
  });
});
