import {
  parseFieldSelector,
  parseLabelSelector,
  SelectorSyntaxError,
} from './selectors';

describe('parseLabelSelector', () => {
  const labels = { app: 'web', tier: 'front', 'example.com/team': 'shop' };

  it.each([
    ['', true],
    ['app=web', true],
    ['app==web', true],
    ['app=db', false],
    ['app!=db', true],
    ['app!=web', false],
    ['tier in (front, back)', true],
    ['tier notin (front)', false],
    ['missing notin (x)', true],
    ['example.com/team=shop', true],
    ['app', true],
    ['!app', false],
    ['!canary', true],
    ['app=web,tier in (back,front),!canary', true],
    ['app=web,tier=back', false],
  ])('%j matches: %s', (selector, expected) => {
    expect(parseLabelSelector(selector)(labels)).toBe(expected);
  });

  it('accepts an empty value', () => {
    expect(parseLabelSelector('app=')({ app: '' })).toBe(true);
  });

  it.each([
    ['app=web,', 'empty term'],
    ['a b=c', 'invalid label key'],
    ['app=we b', 'invalid label value'],
    ['tier in (fr ont)', 'invalid label value'],
    ['-bad=x', 'invalid label key'],
    ['tier in (a,b', "missing ')'"],
    ['app=web,tier notin (a', "missing ')'"],
    ['tier in a,b)', "unexpected ')'"],
    ['tier in ((a))', 'sets do not nest'],
    ['tier in a', "missing '(' in 'tier in a'"],
    ['tier in ()', 'empty set'],
    ['canary!', "misplaced '!'"],
  ])('refuses %j: %s', (selector, message) => {
    expect(() => parseLabelSelector(selector)).toThrow(SelectorSyntaxError);
    expect(() => parseLabelSelector(selector)).toThrow(message);
  });
});

describe('parseFieldSelector', () => {
  const pod = {
    metadata: { name: 'web-1', namespace: 'shop' },
    status: { phase: 'Running' },
    spec: { nodeName: 'node-1' },
  };

  it.each([
    ['metadata.name=web-1', true],
    ['metadata.namespace==shop,status.phase=Running', true],
    ['status.phase!=Running', false],
    ['spec.nodeName=node-2', false],
    ['spec.missing=', true],
  ])('%j matches: %s', (selector, expected) => {
    expect(parseFieldSelector(selector)(pod)).toBe(expected);
  });

  it('refuses a term without an operator, naming it', () => {
    expect(() => parseFieldSelector('status.phase')).toThrow(
      "invalid field selector term 'status.phase'",
    );
  });
});
