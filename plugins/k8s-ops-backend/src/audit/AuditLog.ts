import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Request } from 'express';
import { AuditStore } from './AuditStore';
import { statusOfError } from './statusOfError';

/** Who asks for an audited action, and the request: for permissions and the audit trail. */
export interface AuditedRequest {
  credentials: BackstageCredentials;
  request: Request;
}

/** The object an audited action concerns. */
export interface AuditTarget {
  cluster?: string;
  namespace?: string;
  kind?: string;
  name?: string;
}

/** Options of {@link AuditLog.track}. */
export interface TrackOptions<T> {
  /** Kebab-case action id, such as `resource-apply`. */
  action: string;
  /** The HTTP request; absent for a session over a WebSocket. */
  request?: Request;
  credentials: BackstageCredentials;
  target: AuditTarget;
  /** A summary of what changed; never a credential or secret value. */
  summary?: string | ((result: T) => string | undefined);
  severity?: 'low' | 'medium' | 'high' | 'critical';
  /** A dry run changes nothing; it is recorded, marked as a dry run. */
  dryRun?: boolean;
  /** The status a success answers; 200 unless given. */
  status?: number | ((result: T) => number);
}

/** Status recorded for an action the backend's shutdown cut short. */
const INTERRUPTED_STATUS = 503;

/**
 * Records every mutation and sensitive read twice: as an event of
 * Backstage's auditor, and as a row of the plugin's own audit table that
 * the portal can browse.
 */
export class AuditLog {
  /** Actions under way, each with the way to record it as interrupted. */
  private readonly inFlight = new Map<Promise<unknown>, () => Promise<void>>();

  constructor(
    private readonly deps: {
      auditor: AuditorService;
      store: AuditStore;
      logger: LoggerService;
    },
  ) {}

  /** Runs an action and records its outcome, whether it succeeds or fails. */
  async track<T>(options: TrackOptions<T>, fn: () => Promise<T>): Promise<T> {
    const event = await this.deps.auditor.createEvent({
      eventId: options.action,
      severityLevel: options.dryRun ? 'low' : options.severity ?? 'medium',
      request: options.request,
      meta: { ...options.target, ...(options.dryRun ? { dryRun: true } : {}) },
    });
    let settled = false;
    const run = (async () => {
      let result: T;
      try {
        result = await fn();
      } catch (error) {
        if (settled) {
          throw error;
        }
        settled = true;
        const status = statusOfError(error);
        await this.record(options, {
          outcome: 'failed',
          status,
          summary: error instanceof Error ? error.message : String(error),
        });
        await event.fail({ error: error as Error, meta: { status } });
        throw error;
      }
      if (settled) {
        return result;
      }
      settled = true;
      const summary =
        typeof options.summary === 'function'
          ? options.summary(result)
          : options.summary;
      const status =
        typeof options.status === 'function'
          ? options.status(result)
          : options.status ?? 200;
      await this.record(options, { outcome: 'succeeded', status, summary });
      await event.success({ meta: { summary } });
      return result;
    })();
    this.inFlight.set(run, async () => {
      if (settled) {
        return;
      }
      settled = true;
      const summary = 'interrupted: the backend shut down before it finished';
      await this.record(options, {
        outcome: 'failed',
        status: INTERRUPTED_STATUS,
        summary,
      });
      await event.fail({
        error: new Error(summary),
        meta: { status: INTERRUPTED_STATUS },
      });
    });
    try {
      return await run;
    } finally {
      this.inFlight.delete(run);
    }
  }

  /**
   * At shutdown: waits up to `timeoutMs` for the actions under way to
   * finish, and records those still running as interrupted.
   */
  async drain(timeoutMs: number): Promise<void> {
    if (this.inFlight.size === 0) {
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.inFlight.keys()]),
      new Promise(resolveWait => {
        timer = setTimeout(resolveWait, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    await Promise.allSettled(
      [...this.inFlight.values()].map(interrupt => interrupt()),
    );
  }

  private async record(
    options: Pick<
      TrackOptions<never>,
      'action' | 'credentials' | 'target' | 'dryRun'
    >,
    result: {
      outcome: 'succeeded' | 'failed';
      status: number;
      summary?: string;
    },
  ) {
    await this.deps.store.insert({
      createdAt: new Date().toISOString(),
      actor: actorOf(options.credentials),
      action: options.action,
      ...options.target,
      ...result,
      dryRun: options.dryRun ? true : undefined,
    });
  }
}

/** Who a row names: the user's entity ref, or the service's subject. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return principal.userEntityRef;
  }
  if (principal.type === 'service' && principal.subject) {
    return principal.subject;
  }
  return principal.type ?? 'unknown';
}
