import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  k8sOpsPodExecPermission,
  streamSchemas,
  TerminalOutput,
} from '@k8s-ops/plugin-k8s-ops-common';
import { StringDecoder } from 'node:string_decoder';
import WebSocket from 'ws';
import { actorOf, AuditLog } from '../audit/AuditLog';
import { statusOfError } from '../audit/statusOfError';
import { parseOrThrow } from '../http/parseOrThrow';
import { requirePerson } from '../permissions/authorizeBasic';
import { authorizedObject, ObjectAccess } from './authorizedObject';
import { ExecSession } from './ExecSession';
import { containerNames, defaultContainer } from './logLines';

/** Limits and audit settings of terminals (`k8sOps.terminal`, `k8sOps.audit.execInput`). */
export interface TerminalSettings {
  /** A session without input for this long is closed. */
  idleMs: number;
  /** Sessions one person may have open at once on this replica. */
  maxSessionsPerPerson: number;
  /** Keep what the person typed in the audit row of the session's end. */
  keepInput: boolean;
}

/** The most input kept in one audit row. */
const MAX_KEPT_INPUT = 16 * 1024;

/** A session's terminal query, as the socket's URL says it. */
export type TerminalRequest = ReturnType<
  typeof streamSchemas.terminalQuery.parse
>;

/**
 * Pod terminals as one person may open them: `k8s-ops.pod.exec` on the pod
 * (with reading it), a signed-in person only, at most a few sessions each.
 * A session bridges the browser's socket to an {@link ExecSession}; it is
 * audited when it starts and when it ends, with its duration, and closed
 * after a while without input.
 */
export class AuthorizedExecService {
  private readonly open = new Map<string, Set<() => void>>();

  constructor(
    private readonly deps: ObjectAccess & {
      audit: AuditLog;
      settings: TerminalSettings;
    },
  ) {}

  /**
   * Runs a terminal session on an accepted browser socket until either side
   * ends it. A refusal or failure is told to the browser as an `exit`
   * message, and the socket closes with 4000 + the HTTP status.
   */
  async run(
    query: unknown,
    credentials: BackstageCredentials,
    browser: WebSocket,
  ): Promise<void> {
    const send = (message: TerminalOutput) => {
      if (browser.readyState === WebSocket.OPEN) {
        browser.send(JSON.stringify(message));
      }
    };
    let request: TerminalRequest | undefined;
    let session: ExecSession;
    try {
      request = parseQuery(query);
      session = await this.start(request, credentials);
    } catch (error) {
      send({ type: 'exit', message: messageOf(error) });
      browser.close(4000 + statusOfError(error), 'refused');
      return;
    }
    this.bridge(request, credentials, session, browser, send);
  }

  /** Closes every session, at shutdown. */
  closeAll() {
    for (const sessions of this.open.values()) {
      for (const close of sessions) {
        close();
      }
    }
  }

  private async start(
    request: TerminalRequest,
    credentials: BackstageCredentials,
  ): Promise<ExecSession> {
    return this.deps.audit.track(
      {
        action: 'pod-exec',
        credentials,
        target: targetOf(request),
        severity: 'high',
        summary: s =>
          `${s.shell} in container ${request.container ?? ''}`.trim(),
      },
      async () => {
        requirePerson(credentials, 'open a terminal');
        const actor = actorOf(credentials);
        const mine = this.open.get(actor)?.size ?? 0;
        if (mine >= this.deps.settings.maxSessionsPerPerson) {
          throw new NotAllowedError(
            `You already have ${mine} terminals open, the most allowed; close one first`,
          );
        }
        const { authz, object, target, impersonate } = await authorizedObject(
          this.deps,
          { ...request, resource: 'pods', name: request.pod },
          credentials,
          k8sOpsPodExecPermission,
        );
        authz.assert(
          k8sOpsPodExecPermission,
          'open a terminal in',
          target,
          object,
        );
        const container = request.container ?? defaultContainer(object);
        if (!container || !containerNames(object).includes(container)) {
          throw new InputError(
            `Pod ${request.namespace}/${request.pod} has no container '${
              request.container
            }'; it has ${containerNames(object).join(', ') || 'none'}`,
          );
        }
        request.container = container;
        return ExecSession.start({
          client: target.client,
          namespace: request.namespace,
          pod: request.pod,
          container,
          impersonate,
        });
      },
    );
  }

  private bridge(
    request: TerminalRequest,
    credentials: BackstageCredentials,
    session: ExecSession,
    browser: WebSocket,
    send: (message: TerminalOutput) => void,
  ) {
    const actor = actorOf(credentials);
    const startedAt = Date.now();
    const { settings, audit } = this.deps;
    let input = '';
    let idle: NodeJS.Timeout | undefined;
    let ended = false;
    const decoder = new StringDecoder('utf8');

    const sessions = this.open.get(actor) ?? new Set<() => void>();
    this.open.set(actor, sessions);
    const close = () => finish(undefined, 'The portal closed the session');
    function finish(code: number | undefined, message: string) {
      if (ended) {
        return;
      }
      ended = true;
      clearTimeout(idle);
      sessions.delete(close);
      session.close();
      send({ type: 'exit', code, message });
      browser.close(1000, 'ended');
      const seconds = Math.round((Date.now() - startedAt) / 100) / 10;
      const kept =
        settings.keepInput && input ? `; input: ${JSON.stringify(input)}` : '';
      audit
        .track(
          {
            action: 'pod-exec-end',
            credentials,
            target: targetOf(request),
            severity: 'high',
            summary: `${message} after ${seconds} s${kept}`,
          },
          async () => undefined,
        )
        .catch(() => undefined);
    }
    const resetIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(
        () =>
          finish(
            undefined,
            `Closed after ${Math.round(
              settings.idleMs / 60_000,
            )} minutes without input`,
          ),
        settings.idleMs,
      );
    };

    sessions.add(close);
    resetIdle();
    send({
      type: 'notice',
      message: `${session.shell} in ${request.namespace}/${request.pod}, container ${request.container}`,
    });
    session.onOutput(data =>
      send({ type: 'output', data: decoder.write(data) }),
    );
    session.onEnd(end => finish(end.code, end.message));
    browser.on('message', (data: Buffer) => {
      const message = parseInput(data);
      if (!message) {
        send({
          type: 'notice',
          message: 'A message was not understood and was ignored',
        });
      } else if (message.type === 'input') {
        resetIdle();
        if (settings.keepInput && input.length < MAX_KEPT_INPUT) {
          input = (input + message.data).slice(0, MAX_KEPT_INPUT);
        }
        session.write(message.data);
      } else {
        session.resize(message.cols, message.rows);
      }
    });
    browser.on('close', () => finish(undefined, 'The person left'));
  }
}

function parseQuery(query: unknown): TerminalRequest {
  return parseOrThrow(streamSchemas.terminalQuery, query, {
    lead: 'Invalid terminal request',
  });
}

function parseInput(data: Buffer) {
  try {
    const parsed = streamSchemas.terminalInput.safeParse(
      JSON.parse(data.toString('utf8')),
    );
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function targetOf(request: TerminalRequest) {
  return {
    cluster: request.cluster,
    namespace: request.namespace,
    kind: 'Pod',
    name: request.pod,
  };
}

function messageOf(error: unknown) {
  return error instanceof Error ? error.message : String(error);
}
