import { InputError } from '@backstage/errors';
import { parseJsonBody } from './jsonBody';

const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

describe('parseJsonBody', () => {
  it.each([
    ['an object', '{"a":{"b":[1,2]}}', { a: { b: [1, 2] } }],
    ['an array', ' [1, "x"] ', [1, 'x']],
    ['an empty body', '', {}],
    ['a body of blanks', ' \n', {}],
    [
      'brackets inside strings, which do not nest',
      JSON.stringify({ text: '[[[[{{{{', quote: 'a \\" [ b' }),
      { text: '[[[[{{{{', quote: 'a \\" [ b' },
    ],
    ['exactly the deepest nesting allowed', nested(64), JSON.parse(nested(64))],
  ])('parses %s', (_, text, expected) => {
    expect(parseJsonBody(text)).toEqual(expected);
  });

  it.each([
    ['65 levels', nested(65), 'nested deeper than 64 levels'],
    ['100,000 levels', nested(100_000), 'nested deeper than 64 levels'],
    [
      '100,000 unclosed levels',
      '{"a":'.repeat(100_000),
      'nested deeper than 64 levels',
    ],
    ['a bare string', '"text"', 'must be a JSON object or array'],
    ['a bare number', '42', 'must be a JSON object or array'],
    ['broken JSON', '{"a": }', 'is not valid JSON'],
  ])('refuses %s with an InputError', (_, text, message) => {
    const attempt = () => parseJsonBody(text);
    expect(attempt).toThrow(InputError);
    expect(attempt).toThrow(message);
  });

  it('takes another limit', () => {
    expect(() => parseJsonBody(nested(3), 2)).toThrow(
      'nested deeper than 2 levels',
    );
  });
});
