import {
  TERMINAL_PROTOCOL,
  TerminalOutput,
} from '@k8s-ops/plugin-k8s-ops-common';
import { eventually } from '@k8s-ops/local-kube/testing';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import WebSocket from 'ws';

/** A terminal socket as the browser opens it: the token offered as a subprotocol. */
export function openTerminal(
  server: Server,
  query: Record<string, string>,
  /** The Backstage token offered; `null` offers none. */
  token: string | null = 'mock-user-token',
  path: 'terminal' | 'node-terminal' = 'terminal',
) {
  const { port } = server.address() as AddressInfo;
  const socket = new WebSocket(
    `ws://127.0.0.1:${port}/api/k8s-ops/${path}?${new URLSearchParams(query)}`,
    token ? [TERMINAL_PROTOCOL, token] : [TERMINAL_PROTOCOL],
  );
  const messages: TerminalOutput[] = [];
  let closed: { code: number; reason: string } | undefined;
  let refused: number | undefined;
  socket.on('message', data => messages.push(JSON.parse(String(data))));
  socket.on('close', (code, reason) => {
    closed = { code, reason: String(reason) };
  });
  socket.on('unexpected-response', (_req, res) => {
    refused = res.statusCode;
  });
  socket.on('error', () => undefined);
  const output = () =>
    messages
      .filter(m => m.type === 'output')
      .map(m => (m as { data: string }).data)
      .join('');
  return {
    socket,
    messages,
    output,
    type: (data: string) =>
      socket.send(JSON.stringify({ type: 'input', data })),
    /** Waits until the output contains `text`. */
    waitForOutput: (text: string) =>
      eventually(`'${text}' in the terminal`, async () =>
        output().includes(text) ? true : undefined,
      ),
    /** Waits until the socket closed; answers its code and the last message. */
    closed: () =>
      eventually('the terminal to close', async () =>
        closed ? { ...closed, last: messages[messages.length - 1] } : undefined,
      ),
    /** Waits until the upgrade was refused; answers its HTTP status. */
    refused: () => eventually('the upgrade to be refused', async () => refused),
  };
}
