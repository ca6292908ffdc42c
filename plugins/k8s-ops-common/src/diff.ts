import {
  FILE_HEADERS_ONLY,
  formatPatch,
  StructuredPatch,
  structuredPatch,
} from 'diff';

/**
 * Beyond this many changed lines the diff stops looking for the fewest
 * changes: its time grows with the texts' length times the changes.
 */
const MAX_EDITS = 1000;

/**
 * A unified diff of two texts, line by line, with three lines of context;
 * empty when they are equal. Texts that differ in more than a thousand
 * lines show as one hunk that replaces every line.
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
  const a = withFinalNewline(before);
  const b = withFinalNewline(after);
  const patch =
    structuredPatch(labels.before, labels.after, a, b, undefined, undefined, {
      context: 3,
      maxEditLength: MAX_EDITS,
    }) ?? replaceAll(labels, a, b);
  return formatPatch(patch, FILE_HEADERS_ONLY);
}

/**
 * Texts compared as whole lines: a missing final newline is no change
 * (YAML of the same object may or may not end with one).
 */
function withFinalNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

/** A patch that removes every line of `a` and adds every line of `b`. */
function replaceAll(
  labels: { before: string; after: string },
  a: string,
  b: string,
): StructuredPatch {
  const removed = linesOf(a);
  const added = linesOf(b);
  return {
    oldFileName: labels.before,
    newFileName: labels.after,
    oldHeader: undefined,
    newHeader: undefined,
    hunks: [
      {
        oldStart: 1,
        oldLines: removed.length,
        newStart: 1,
        newLines: added.length,
        lines: [...removed.map(l => `-${l}`), ...added.map(l => `+${l}`)],
      },
    ],
  };
}

function linesOf(text: string): string[] {
  return text === '' ? [] : text.slice(0, -1).split('\n');
}
