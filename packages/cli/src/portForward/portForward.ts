import { LocalForwarder, ListeningPort } from './LocalForwarder';
import { PortalClient } from './PortalClient';
import { parsePort, parseTarget } from './parseArguments';

/** Options of {@link portForward}. */
export interface PortForwardOptions {
  /** The portal's (or its backend's) URL. */
  url: string;
  /** A Backstage token of the person. */
  token: string;
  /** `<cluster>/<namespace>/<pod>` or `<cluster>/<namespace>/svc/<name>`. */
  target: string;
  /** Ports as kubectl writes them: `5432`, `15432:5432`, `:5432`. */
  ports: string[];
  /** Where the local ports listen; 127.0.0.1 by default. */
  address?: string;
  /** How often the session is checked, to end when it is stopped elsewhere. */
  checkEveryMs?: number;
  report: (line: string) => void;
}

/** A running port-forward; `stop()` closes the local ports and the session. */
export interface RunningPortForward {
  sessionId: string;
  ports: ListeningPort[];
  /** Settles when the forward ends: stopped here, or elsewhere. */
  done: Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts a session on the portal and listens on the local ports. The
 * forward ends when `stop()` is called, or when the session ends on the
 * portal (stopped by someone, idle, failed).
 */
export async function portForward(
  options: PortForwardOptions,
): Promise<RunningPortForward> {
  const target = parseTarget(options.target);
  if (options.ports.length === 0) {
    throw new Error('Name at least one port, such as 5432 or :5432');
  }
  const mappings = options.ports.map(parsePort);
  const client = new PortalClient(options.url, options.token);
  const session = await client.start(
    target,
    mappings.map(m => m.remote),
  );
  const forwarder = new LocalForwarder({
    client,
    sessionId: session.id,
    report: options.report,
  });
  const ports: ListeningPort[] = [];
  try {
    for (const mapping of mappings) {
      ports.push(await forwarder.listen(mapping, options.address));
    }
  } catch (error) {
    await Promise.all(ports.map(p => p.close()));
    await client.stop(session.id);
    throw error;
  }
  let finish: (reason: string) => void = () => {};
  const done = new Promise<string>(resolveDone => {
    finish = resolveDone;
  });
  const running: { ended: boolean; timer?: NodeJS.Timeout } = { ended: false };
  const end = async (reason: string, stopSession: boolean) => {
    if (running.ended) {
      return;
    }
    running.ended = true;
    clearInterval(running.timer);
    await Promise.all(ports.map(p => p.close()));
    if (stopSession) {
      await client.stop(session.id);
    }
    finish(reason);
  };
  running.timer = setInterval(async () => {
    try {
      const current = await client.get(session.id);
      if (current.state !== 'active') {
        await end(
          `The session ${current.state}${
            current.error ? `: ${current.error}` : ''
          }`,
          false,
        );
      }
    } catch (error) {
      options.report(
        `Could not check the session: ${(error as Error).message}`,
      );
    }
  }, options.checkEveryMs ?? 5_000);
  return {
    sessionId: session.id,
    ports,
    done,
    stop: () => end('Stopped', true),
  };
}
