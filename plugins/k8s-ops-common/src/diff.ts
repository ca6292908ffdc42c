import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

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
  return (
    createTwoFilesPatch(
      labels.before,
      labels.after,
      withFinalNewline(before),
      withFinalNewline(after),
      undefined,
      undefined,
      { context: 3, headerOptions: FILE_HEADERS_ONLY },
    ) ?? ''
  );
}

/**
 * Texts compared as whole lines: a missing final newline is no change
 * (YAML of the same object may or may not end with one).
 */
function withFinalNewline(text: string): string {
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}
