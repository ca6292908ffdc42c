import { KubeObject } from '@k8s-ops/plugin-k8s-ops-common';
import {
  defaultContainer,
  labelSelectorText,
  LineSplitter,
  mergeLines,
  splitTimestamp,
} from './logLines';

describe('labelSelectorText', () => {
  it.each([
    [{ matchLabels: { app: 'web' } }, 'app=web'],
    [
      {
        matchLabels: { app: 'web', tier: 'front' },
        matchExpressions: [
          { key: 'env', operator: 'In' as const, values: ['a', 'b'] },
          { key: 'canary', operator: 'DoesNotExist' as const },
          { key: 'zone', operator: 'NotIn' as const, values: ['x'] },
          { key: 'team', operator: 'Exists' as const },
        ],
      },
      'app=web,tier=front,env in (a,b),!canary,zone notin (x),team',
    ],
    [{}, undefined],
    [undefined, undefined],
  ])('%j is %s', (selector, text) => {
    expect(labelSelectorText(selector)).toBe(text);
  });
});

describe('splitTimestamp', () => {
  it.each([
    [
      '2026-01-01T00:00:01.5Z hello world',
      { key: '2026-01-01T00:00:01.500000000Z', text: 'hello world' },
    ],
    [
      '2026-01-01T00:00:01Z hello',
      { key: '2026-01-01T00:00:01.000000000Z', text: 'hello' },
    ],
    ['no time here', { key: '', time: '', text: 'no time here' }],
  ])('%s', (line, expected) => {
    expect(splitTimestamp(line)).toMatchObject(expected);
  });
});

describe('mergeLines', () => {
  const a = ['2026-01-01T00:00:01Z a1', '2026-01-01T00:00:03Z a2'];
  const b = ['2026-01-01T00:00:01.5Z b1', '2026-01-01T00:00:03Z b2'];
  it('orders by time across sources, same-time lines in source order', () => {
    expect(
      mergeLines(
        [
          { source: 'a', lines: a.map(splitTimestamp) },
          { source: 'b', lines: b.map(splitTimestamp) },
        ],
        { timestamps: false },
      ),
    ).toEqual(['[a] a1', '[b] b1', '[a] a2', '[b] b2']);
  });

  it('keeps the time when it was asked for', () => {
    expect(
      mergeLines([{ source: 'a', lines: a.slice(0, 1).map(splitTimestamp) }], {
        timestamps: true,
      }),
    ).toEqual(['[a] 2026-01-01T00:00:01Z a1']);
  });
});

describe('LineSplitter', () => {
  it('keeps a partial line until it is whole', () => {
    const splitter = new LineSplitter();
    expect(splitter.push('one\ntw')).toEqual(['one']);
    expect(splitter.push('o\nthree')).toEqual(['two']);
    expect(splitter.end()).toEqual(['three']);
  });
});

describe('defaultContainer', () => {
  const pod = (annotation?: string): KubeObject => ({
    metadata: {
      name: 'p',
      annotations: annotation
        ? { 'kubectl.kubernetes.io/default-container': annotation }
        : undefined,
    },
    spec: { containers: [{ name: 'first' }, { name: 'app' }] },
  });
  it.each([
    [undefined, 'first'],
    ['app', 'app'],
    ['missing', 'first'],
  ])('with the annotation %s is %s', (annotation, expected) => {
    expect(defaultContainer(pod(annotation))).toBe(expected);
  });
});
