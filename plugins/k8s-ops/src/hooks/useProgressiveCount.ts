import { useEffect, useState } from 'react';

/**
 * How many of `total` sections to render now: the first at once, then one
 * more each frame. The first section is painted without waiting for the
 * others, which follow without blocking the page.
 */
export function useProgressiveCount(total: number): number {
  const [count, setCount] = useState(1);
  useEffect(() => {
    if (count >= total) {
      return undefined;
    }
    const frame = requestAnimationFrame(() => setCount(c => c + 1));
    return () => cancelAnimationFrame(frame);
  }, [count, total]);
  return Math.min(count, total);
}
