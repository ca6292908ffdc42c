import { STATUS_CODES } from 'node:http';
import { Duplex } from 'node:stream';
import { statusOfError } from '../audit/statusOfError';

/**
 * Answers a WebSocket upgrade that cannot go ahead with the error's status
 * and a Backstage error body, as an HTTP route would.
 */
export function refuseUpgrade(socket: Duplex, error: unknown) {
  const status = statusOfError(error);
  const message =
    status === 500
      ? 'The port-forward could not be opened'
      : (error as Error).message;
  const body = JSON.stringify({
    error: { name: (error as Error).name, message },
  });
  socket.end(
    `HTTP/1.1 ${status} ${
      STATUS_CODES[status]
    }\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(
      body,
    )}\r\nConnection: close\r\n\r\n${body}`,
  );
}
