import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  k8sOpsNodeExecPermission,
  k8sOpsPodExecPermission,
  streamSchemas,
  TerminalOutput,
} from '@k8s-ops/plugin-k8s-ops-common';
import { StringDecoder } from 'node:string_decoder';
import WebSocket from 'ws';
import { actorOf, AuditLog, AuditTarget } from '../audit/AuditLog';
import { statusOfError } from '../audit/statusOfError';
import { parseOrThrow } from '../http/parseOrThrow';
import { requirePerson } from '../permissions/authorizeBasic';
import { authorizedObject, ObjectAccess } from './authorizedObject';
import { ExecSession } from './ExecSession';
import { NodeShell } from './NodeShell';
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

/** A started session, and what its end needs. */
interface Started {
  session: ExecSession;
  /** `pod-exec` or `node-exec`; the end is recorded as `<action>-end`. */
  action: string;
  target: AuditTarget;
  /** Told to the person first: which shell runs where. */
  notice: string;
  /** Called on input: the session is in use. */
  touch?: () => void;
  /** Called once the session ended. */
  cleanup?: () => Promise<void>;
}

/** A node terminal's query. */
type NodeTerminalRequest = ReturnType<
  typeof streamSchemas.nodeTerminalQuery.parse
>;

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
      nodeShell: NodeShell;
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
    await this.serve(browser, credentials, () => {
      const request = parseOrThrow(streamSchemas.terminalQuery, query, {
        lead: 'Invalid terminal request',
      });
      return this.startPod(request, credentials);
    });
  }

  /**
   * Runs a node terminal (see {@link NodeShell}): `k8s-ops.node.exec` on
   * the node, audited as `node-exec`; its debug pod is removed at the end.
   */
  async runNode(
    query: unknown,
    credentials: BackstageCredentials,
    browser: WebSocket,
  ): Promise<void> {
    await this.serve(browser, credentials, () => {
      const request = parseOrThrow(streamSchemas.nodeTerminalQuery, query, {
        lead: 'Invalid node terminal request',
      });
      return this.startNode(request, credentials);
    });
  }

  /** Closes every session, at shutdown. */
  closeAll() {
    for (const sessions of this.open.values()) {
      for (const close of sessions) {
        close();
      }
    }
  }

  private async startPod(
    request: TerminalRequest,
    credentials: BackstageCredentials,
  ): Promise<Started> {
    const audited = podTarget(request);
    const session = await this.deps.audit.track(
      {
        action: 'pod-exec',
        credentials,
        target: audited,
        severity: 'high',
        summary: s =>
          `${s.shell} in container ${request.container ?? ''}`.trim(),
      },
      async () => {
        this.assertMayOpen(credentials);
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
    return {
      session,
      action: 'pod-exec',
      target: audited,
      notice: `${session.shell} in ${request.namespace}/${request.pod}, container ${request.container}`,
    };
  }

  private async startNode(
    request: NodeTerminalRequest,
    credentials: BackstageCredentials,
  ): Promise<Started> {
    const target = {
      cluster: request.cluster,
      kind: 'Node',
      name: request.node,
    };
    const shell = await this.deps.audit.track(
      {
        action: 'node-exec',
        credentials,
        target,
        severity: 'critical',
        summary: s => `${s.session.shell}, debug pod ${s.pod}`,
      },
      async () => {
        this.assertMayOpen(credentials);
        const found = await authorizedObject(
          this.deps,
          { cluster: request.cluster, resource: 'nodes', name: request.node },
          credentials,
          k8sOpsNodeExecPermission,
        );
        found.authz.assert(
          k8sOpsNodeExecPermission,
          'open a terminal on',
          found.target,
          found.object,
        );
        return this.deps.nodeShell.start(
          found.target.client,
          request.node,
          actorOf(credentials),
        );
      },
    );
    return {
      session: shell.session,
      action: 'node-exec',
      target,
      notice: `${shell.session.shell}: node ${request.node}, debug pod ${shell.pod}`,
      touch: shell.touch,
      cleanup: shell.remove,
    };
  }

  /** A signed-in person, under their limit of open sessions. */
  private assertMayOpen(credentials: BackstageCredentials) {
    requirePerson(credentials, 'open a terminal');
    const mine = this.open.get(actorOf(credentials))?.size ?? 0;
    if (mine >= this.deps.settings.maxSessionsPerPerson) {
      throw new NotAllowedError(
        `You already have ${mine} terminals open, the most allowed; close one first`,
      );
    }
  }

  /**
   * Starts a session and bridges it to the browser; a refusal or failure is
   * told to the browser as an `exit` message, and the socket closes with
   * 4000 + the HTTP status.
   */
  private async serve(
    browser: WebSocket,
    credentials: BackstageCredentials,
    start: () => Promise<Started>,
  ) {
    const send = (message: TerminalOutput) => {
      if (browser.readyState === WebSocket.OPEN) {
        browser.send(JSON.stringify(message));
      }
    };
    let started: Started;
    try {
      started = await start();
    } catch (error) {
      send({ type: 'exit', message: messageOf(error) });
      browser.close(4000 + statusOfError(error), 'refused');
      return;
    }
    this.bridge(started, credentials, browser, send);
  }

  private bridge(
    started: Started,
    credentials: BackstageCredentials,
    browser: WebSocket,
    send: (message: TerminalOutput) => void,
  ) {
    const { session } = started;
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
      started.cleanup?.();
      send({ type: 'exit', code, message });
      browser.close(1000, 'ended');
      const seconds = Math.round((Date.now() - startedAt) / 100) / 10;
      const kept =
        settings.keepInput && input ? `; input: ${JSON.stringify(input)}` : '';
      audit
        .track(
          {
            action: `${started.action}-end`,
            credentials,
            target: started.target,
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
    send({ type: 'notice', message: started.notice });
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
        started.touch?.();
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

function podTarget(request: TerminalRequest): AuditTarget {
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
