import { NotFoundError } from '@backstage/errors';
import WebSocket from 'ws';
import { Impersonation, KubeClient } from '../kube/KubeClient';
import { KubeStatus } from '../kube/kubeErrors';
import { openKubeWebSocket } from './kubeWebSocket';

/** The channels of the Kubernetes exec protocol (v4 and v5). */
const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const STATUS = 3;
const RESIZE = 4;

/** The shells tried in turn, as `kubectl debug` and most terminals do. */
export const SHELLS = ['bash', 'sh'];

/** How long a status may follow a command's first output and mean that it failed. */
const STATUS_AFTER_OUTPUT_MS = 150;

/** How long a shell that says nothing yet is given before it counts as started. */
const QUIET_START_MS = 1_000;

/** A command that may start a shell, and its name in messages. */
export interface ShellAttempt {
  label: string;
  command: string[];
}

/** Where a container's exec runs. */
export interface ExecPlace {
  client: KubeClient;
  namespace: string;
  pod: string;
  container: string;
  impersonate?: Impersonation;
}

/** How an exec ended: its exit code when known, and why, for the person. */
export interface ExecEnd {
  code?: number;
  message: string;
}

/**
 * One interactive shell in a container over the exec subresource (a TTY,
 * channel protocol v5 or v4): keystrokes in, output out, resizes. The shell
 * is found by trying bash, then sh; a container with neither fails with a
 * message that says so. Knows nothing of permissions or of the browser.
 */
export class ExecSession {
  private ended = false;
  private readonly outputListeners = new Set<(data: Buffer) => void>();
  private readonly endListeners = new Set<(end: ExecEnd) => void>();
  /** Output that came before anyone listened, such as the first prompt. */
  private readonly backlog: Buffer[];

  private constructor(
    private readonly socket: WebSocket,
    readonly shell: string,
    pending: Buffer[],
  ) {
    socket.on('message', (data: Buffer) => this.onMessage(data));
    socket.on('close', () => this.end({ message: 'The session ended' }));
    this.backlog = pending;
  }

  /**
   * Starts a shell in the container: the first of `shells` it has. Throws
   * the cluster's refusal (mapped) if the exec itself is refused.
   */
  static async start(
    place: ExecPlace,
    options: {
      /** The commands to try, each named for messages; the shells unless given. */
      attempts?: ShellAttempt[];
      cols?: number;
      rows?: number;
    } = {},
  ): Promise<ExecSession> {
    const attempts =
      options.attempts ??
      SHELLS.map(shell => ({ label: shell, command: [shell] }));
    const failures: string[] = [];
    for (const { label, command } of attempts) {
      const socket = await openKubeWebSocket(place.client, execPath(place), {
        query: execQuery(place.container, command),
        impersonate: place.impersonate,
      });
      const started = await waitForStart(socket);
      if (started.ok) {
        const session = new ExecSession(socket, label, started.pending);
        if (options.cols && options.rows) {
          session.resize(options.cols, options.rows);
        }
        return session;
      }
      failures.push(`${label}: ${started.message}`);
      socket.terminate();
    }
    throw new NotFoundError(
      `The container '${place.container}' of pod ${place.namespace}/${
        place.pod
      } has no shell to open a terminal with: tried ${attempts
        .map(a => a.label)
        .join(', ')} (${failures.join('; ')})`,
    );
  }

  /** Calls `listener` with each piece of output (stdout and stderr, as a TTY merges them). */
  onOutput(listener: (data: Buffer) => void) {
    this.outputListeners.add(listener);
    for (const data of this.backlog.splice(0)) {
      listener(data);
    }
  }

  /** Calls `listener` once, when the shell ends or the connection closes. */
  onEnd(listener: (end: ExecEnd) => void) {
    this.endListeners.add(listener);
  }

  write(data: string | Buffer) {
    this.send(STDIN, typeof data === 'string' ? Buffer.from(data) : data);
  }

  resize(cols: number, rows: number) {
    this.send(
      RESIZE,
      Buffer.from(JSON.stringify({ Width: cols, Height: rows })),
    );
  }

  close() {
    this.socket.close();
    this.end({ message: 'The session was closed' });
  }

  private send(channel: number, data: Buffer) {
    if (this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(Buffer.concat([Buffer.of(channel), data]));
    }
  }

  private onMessage(data: Buffer) {
    const channel = data[0];
    if (channel === STDOUT || channel === STDERR) {
      const payload = data.subarray(1);
      if (this.outputListeners.size === 0) {
        this.backlog.push(payload);
      }
      for (const listener of this.outputListeners) {
        listener(payload);
      }
    } else if (channel === STATUS) {
      this.end(endOf(parseStatusFrame(data)));
    }
  }

  private end(end: ExecEnd) {
    if (this.ended) {
      return;
    }
    this.ended = true;
    this.socket.close();
    for (const listener of this.endListeners) {
      listener(end);
    }
  }
}

function execPath(place: ExecPlace) {
  return `/api/v1/namespaces/${encodeURIComponent(
    place.namespace,
  )}/pods/${encodeURIComponent(place.pod)}/exec`;
}

function execQuery(container: string, command: string[]) {
  const query = new URLSearchParams({
    container,
    stdin: 'true',
    stdout: 'true',
    stderr: 'false',
    tty: 'true',
  });
  for (const part of command) {
    query.append('command', part);
  }
  return query;
}

/**
 * Whether a shell started: it said something, or stayed quiet and alive.
 * A status before any output means it could not run (such as `executable
 * file not found`).
 */
function waitForStart(
  socket: WebSocket,
): Promise<{ ok: true; pending: Buffer[] } | { ok: false; message: string }> {
  return new Promise(resolveStart => {
    const pending: Buffer[] = [];
    const listeners = {
      message: (data: Buffer) => {
        if (data[0] === STDOUT || data[0] === STDERR) {
          pending.push(data.subarray(1));
          // A command that cannot run prints why, then its status comes at
          // once: the first output only counts once no status followed.
          clearTimeout(listeners.timer);
          listeners.timer = setTimeout(
            () => done({ ok: true, pending }),
            STATUS_AFTER_OUTPUT_MS,
          );
        } else if (data[0] === STATUS) {
          const status = parseStatusFrame(data);
          done({ ok: false, message: status?.message ?? 'it ended at once' });
        }
      },
      close: () => done({ ok: false, message: 'it ended at once' }),
      timer: setTimeout(() => done({ ok: true, pending }), QUIET_START_MS),
    };
    function done(
      answer: { ok: true; pending: Buffer[] } | { ok: false; message: string },
    ) {
      clearTimeout(listeners.timer);
      socket.off('message', listeners.message);
      socket.off('close', listeners.close);
      resolveStart(answer);
    }
    socket.on('message', listeners.message);
    socket.on('close', listeners.close);
  });
}

function parseStatusFrame(data: Buffer): KubeStatus | undefined {
  try {
    return JSON.parse(data.subarray(1).toString('utf8'));
  } catch {
    return { message: data.subarray(1).toString('utf8') };
  }
}

function endOf(status: KubeStatus | undefined): ExecEnd {
  if (!status || status.status === 'Success') {
    return { code: 0, message: 'The shell exited' };
  }
  const exitCode = status.details?.causes?.find(c => c.reason === 'ExitCode');
  // Some kubelets only say it in the message (`... exit status 3`).
  const stated = /exit (?:status|code) (\d+)/.exec(status.message ?? '');
  const codeText = exitCode?.message ?? stated?.[1];
  const code = codeText ? Number(codeText) : undefined;
  return {
    code,
    message:
      code !== undefined
        ? `The shell exited with code ${code}`
        : status.message ?? 'The shell ended',
  };
}
