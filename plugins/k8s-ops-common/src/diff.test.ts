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

  it('diffs texts of many lines without a table of every pair of lines', () => {
    // 50,000 lines each: a table of every pair would take 10 GB.
    const lines = Array.from({ length: 50_000 }, (_, i) => `key${i}: ${i}`);
    const changed = [...lines];
    changed[40_000] = 'key40000: changed';
    const diff = unifiedDiff(lines.join('\n'), changed.join('\n'));
    expect(diff.match(/^@@/gm)).toEqual(['@@']);
    expect(diff).toContain('@@ -39998,7 +39998,7 @@');
    expect(diff).toContain('-key40000: 40000\n+key40000: changed');
  });

  it('takes a missing final newline for none', () => {
    const diff = unifiedDiff('a: 1\nb: 2', 'a: 1\nb: 3\n', {
      before: '(none)',
      after: 'applied (dry run)',
    });
    expect(diff).toBe(
      [
        '--- (none)',
        '+++ applied (dry run)',
        '@@ -1,2 +1,2 @@',
        ' a: 1',
        '-b: 2',
        '+b: 3',
        '',
      ].join('\n'),
    );
  });

  it('replaces every line in one hunk when the texts differ in too many lines to align', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `a${i}`);
    const after = Array.from({ length: 2000 }, (_, i) => `b${i}`);
    const diff = unifiedDiff(before.join('\n'), after.join('\n'));
    expect(diff.split('\n')).toEqual([
      '--- live',
      '+++ applied',
      '@@ -1,3000 +1,2000 @@',
      ...before.map(l => `-${l}`),
      ...after.map(l => `+${l}`),
      '',
    ]);
  });
});
