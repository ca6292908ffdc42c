/** What the benchmarks share: a silent logger and percentiles. */

/** A logger that drops everything, for services under measurement. */
export const quietLogger = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child() {
    return this;
  },
} as any;

/** The `p`th percentile of some values (nearest rank). */
export function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}
