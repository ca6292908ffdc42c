import { SearchHit } from '@k8s-ops/plugin-k8s-ops-common';
import { filterWords, groupHits, withoutWord, withWord } from './searchQuery';

describe('search query words', () => {
  it.each([
    ['web kind:deploy ns:shop', ['kind:deploy', 'ns:shop']],
    ['system:node label:app=web', ['label:app=web']],
    ['kind:', []],
  ])('filters of %s', (query, words) => {
    expect(filterWords(query)).toEqual(words);
  });

  it('adds and removes words', () => {
    expect(withWord('web', 'kind:pod')).toBe('web kind:pod');
    expect(withWord('web kind:pod', 'kind:pod')).toBe('web kind:pod');
    expect(withoutWord('web  kind:pod ns:a', 'kind:pod')).toBe('web ns:a');
  });
});

describe('groupHits', () => {
  const hit = (cluster: string, kind: string, name: string) =>
    ({ cluster, kind, name } as SearchHit);
  it('groups in the order of the best hit of each group', () => {
    const hits = [
      hit('b', 'Pod', '1'),
      hit('a', 'Service', '2'),
      hit('b', 'Service', '3'),
    ];
    expect(
      groupHits(hits, 'cluster').map(g => [g.title, g.hits.length]),
    ).toEqual([
      ['b', 2],
      ['a', 1],
    ]);
    expect(groupHits(hits, 'kind').map(g => g.title)).toEqual([
      'Pod',
      'Service',
    ]);
  });
});
