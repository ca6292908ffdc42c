import { unifiedDiff } from './diff';

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n')).toBe('');
  });

  it('shows a changed line with its context', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].join('\n');
    const after = ['a', 'b', 'c', 'd', 'E', 'f', 'g', 'h', 'i'].join('\n');
    expect(unifiedDiff(before, after)).toBe(
      [
        '--- live',
        '+++ applied',
        '@@ -2,7 +2,7 @@',
        ' b',
        ' c',
        ' d',
        '-e',
        '+E',
        ' f',
        ' g',
        ' h',
        '',
      ].join('\n'),
    );
  });

  it('shows a new object as all additions', () => {
    expect(unifiedDiff('', 'kind: Pod\nname: x\n')).toBe(
      [
        '--- live',
        '+++ applied',
        '@@ -0,0 +1,2 @@',
        '+kind: Pod',
        '+name: x',
        '',
      ].join('\n'),
    );
  });

  it('makes separate hunks for distant changes', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `l${i}`);
    const changed = [...lines];
    changed[2] = 'X';
    changed[25] = 'Y';
    const diff = unifiedDiff(lines.join('\n'), changed.join('\n'));
    expect(diff.match(/^@@/gm)).toHaveLength(2);
    expect(diff).toContain('-l2\n+X');
    expect(diff).toContain('-l25\n+Y');
  });
});
