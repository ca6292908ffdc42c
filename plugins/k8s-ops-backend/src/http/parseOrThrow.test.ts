import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { parseOrThrow } from './parseOrThrow';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}

describe('parseOrThrow', () => {
  const schema = z.object({
    clusters: z.array(
      z.object({ name: z.string(), labels: z.record(z.string(), z.number()) }),
    ),
  });

  it('returns the parsed value', () => {
    const value = { clusters: [{ name: 'a', labels: { team: 1 } }] };
    expect(parseOrThrow(schema, value)).toEqual(value);
  });

  it.each([
    [{ name: 'a', labels: { team: 'x' } }, 'clusters[0].labels.team: '],
    [
      { name: 'a', labels: { 'example.com/team': 'x' } },
      'clusters[0].labels.example.com/team: ',
    ],
    [{ name: 'a', labels: { 'a\r\nb': 'x' } }, 'labels["a\\r\\nb"]: '],
    [{ name: 'a', labels: { 'a\u202eb': 'x' } }, 'labels["a\\u202eb"]: '],
    [{ name: 'a', labels: { '<b>': 'x' } }, 'labels["\\u003cb\\u003e"]: '],
    [{ name: 7, labels: {} }, 'clusters[0].name: '],
  ])('names the field of %j as %s', (cluster, field) => {
    const message = messageOf(() =>
      parseOrThrow(schema, { clusters: [cluster] }),
    );
    expect(message).toMatch(/^Invalid request: /);
    expect(message).toContain(field);
  });

  it('puts the given path before fields, with the given lead', () => {
    expect(
      messageOf(() =>
        parseOrThrow(
          z.object({ url: z.string() }),
          {},
          {
            lead: '',
            path: ['clusters', 2],
          },
        ),
      ),
    ).toMatch(/^clusters\[2\]\.url: /);
  });

  it('lists the first twenty problems and counts the others', () => {
    const message = messageOf(() =>
      parseOrThrow(z.array(z.string()), Array(50).fill(1)),
    );
    expect(message.split('; ')).toHaveLength(21);
    expect(message).toContain('[19]: ');
    expect(message).not.toContain('[20]: ');
    expect(message).toMatch(/; and 30 more problems$/);
  });
});
