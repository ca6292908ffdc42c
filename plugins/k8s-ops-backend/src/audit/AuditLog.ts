import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Request } from 'express';
import { AuditStore } from './AuditStore';
import { statusOfError } from './statusOfError';

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
  request: Request;
  credentials: BackstageCredentials;
  target: AuditTarget;
  /** A summary of what changed; never a credential or secret value. */
  summary?: string | ((result: T) => string | undefined);
  severity?: 'low' | 'medium' | 'high' | 'critical';
}

/**
 * Records every mutation and sensitive read twice: as an event of
 * Backstage's auditor, and as a row of the plugin's own audit table that
 * the portal can browse.
 */
export class AuditLog {
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
      severityLevel: options.severity ?? 'medium',
      request: options.request,
      meta: { ...options.target },
    });
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      const status = statusOfError(error);
      await this.record(options, {
        outcome: 'failed',
        status,
        summary: error instanceof Error ? error.message : String(error),
      });
      await event.fail({ error: error as Error, meta: { status } });
      throw error;
    }
    const summary =
      typeof options.summary === 'function'
        ? options.summary(result)
        : options.summary;
    await this.record(options, { outcome: 'succeeded', status: 200, summary });
    await event.success({ meta: { summary } });
    return result;
  }

  private async record(
    options: Pick<TrackOptions<never>, 'action' | 'credentials' | 'target'>,
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
    });
  }
}

function actorOf(credentials: BackstageCredentials): string {
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
