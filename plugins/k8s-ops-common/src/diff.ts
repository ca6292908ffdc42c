/**
 * A unified diff of two texts, line by line, with three lines of context;
 * empty when they are equal.
 *
 * @public
 */
export function unifiedDiff(
  before: string,
  after: string,
  labels: { before: string; after: string } = {
    before: 'live',
    after: 'applied',
  },
): string {
  if (before === after) {
    return '';
  }
  const a = before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const b = after === '' ? [] : after.replace(/\n$/, '').split('\n');
  const ops = diffLines(a, b);
  const context = 3;
  const out: string[] = [`--- ${labels.before}`, `+++ ${labels.after}`];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].type === ' ') {
      i++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines
    // after the last change that is at most 2 * context lines further.
    const start = Math.max(0, i - context);
    let end = i;
    let lastChange = i;
    while (end < ops.length && end - lastChange <= 2 * context) {
      if (ops[end].type !== ' ') {
        lastChange = end;
      }
      end++;
    }
    end = Math.min(ops.length, lastChange + context + 1);
    const hunk = ops.slice(start, end);
    const aStart = ops.slice(0, start).filter(o => o.type !== '+').length;
    const bStart = ops.slice(0, start).filter(o => o.type !== '-').length;
    const aLen = hunk.filter(o => o.type !== '+').length;
    const bLen = hunk.filter(o => o.type !== '-').length;
    out.push(
      `@@ -${aLen ? aStart + 1 : aStart},${aLen} +${
        bLen ? bStart + 1 : bStart
      },${bLen} @@`,
    );
    out.push(...hunk.map(o => `${o.type}${o.line}`));
    i = end;
  }
  return `${out.join('\n')}\n`;
}

type Op = { type: ' ' | '-' | '+'; line: string };

/** Longest common subsequence of lines; objects are small enough. */
function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from(
    { length: n + 1 },
    () => new Uint32Array(m + 1),
  );
  for (let x = n - 1; x >= 0; x--) {
    for (let y = m - 1; y >= 0; y--) {
      lcs[x][y] =
        a[x] === b[y]
          ? lcs[x + 1][y + 1] + 1
          : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
    }
  }
  const ops: Op[] = [];
  let x = 0;
  let y = 0;
  while (x < n && y < m) {
    if (a[x] === b[y]) {
      ops.push({ type: ' ', line: a[x] });
      x++;
      y++;
    } else if (lcs[x + 1][y] >= lcs[x][y + 1]) {
      ops.push({ type: '-', line: a[x++] });
    } else {
      ops.push({ type: '+', line: b[y++] });
    }
  }
  while (x < n) ops.push({ type: '-', line: a[x++] });
  while (y < m) ops.push({ type: '+', line: b[y++] });
  return ops;
}
