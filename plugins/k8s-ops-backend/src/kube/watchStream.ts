import { IncomingMessage } from 'node:http';

/** One event of a watch. */
export interface WatchEvent {
  type: string;
  object: any;
}

/** An error thrown by a watch's `onEvent`, or an unreadable event. */
export class HandlerError extends Error {
  constructor(readonly cause: unknown) {
    super('watch event handler failed');
  }
}

/** Calls `onSilence` once nothing was heard for `ms`; `heard` starts over. */
export class SilenceTimer {
  heardAt = Date.now();
  stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ms: number,
    private readonly onSilence: () => void,
  ) {}

  heard() {
    this.heardAt = Date.now();
    clearTimeout(this.timer);
    if (!this.stopped) {
      this.timer = setTimeout(this.onSilence, this.ms);
    }
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}

/** Feeds each line of a watch answer to `onEvent`; `heard` on every byte. */
export function readEvents(
  res: IncomingMessage,
  onEvent: (event: WatchEvent) => void,
  heard: () => void,
): Promise<void> {
  return new Promise<void>((resolveWatch, reject) => {
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      heard();
      buffer += chunk;
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.trim()) {
          try {
            onEvent(JSON.parse(line));
          } catch (error) {
            reject(new HandlerError(error));
            res.destroy();
            return;
          }
        }
        newline = buffer.indexOf('\n');
      }
    });
    res.on('end', () => resolveWatch());
    res.on('error', reject);
    res.on('close', () =>
      res.complete
        ? resolveWatch()
        : reject(new Error('the connection closed during the watch')),
    );
  });
}

export function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', chunk => (text += chunk));
    res.on('end', () => resolveBody(text));
    res.on('error', reject);
    res.on('close', () => {
      if (!res.complete) {
        reject(new Error('the connection closed before the answer ended'));
      }
    });
  });
}
