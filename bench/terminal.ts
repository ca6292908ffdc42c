/*
 * Benchmark: keystroke-to-echo latency of a pod terminal on loopback.
 *
 *   bench/run.sh terminal          (KEYS=300 by default)
 *
 * A WebSocket client, as the browser, sends one key at a time to the
 * backend's terminal path (AuthorizedExecService, ExecSession, the exec
 * subresource of a real API server over channel protocol v5, kwok's TTY and
 * bash) and waits for the key to come back as output. Goal: p95 < 20 ms.
 */
import WebSocket from 'ws';
import { percentile } from './measure';
import { NAMESPACE, startStreamServer } from './streamServer';

const KEYS = Number(process.env.KEYS ?? 300);

async function main() {
  const server = await startStreamServer();
  try {
    const socket = new WebSocket(
      `ws://${server.url}/terminal?cluster=bench&namespace=${NAMESPACE}&pod=${server.pod}`,
      { perMessageDeflate: false },
    );
    let output = '';
    let waiting: { key: string; resolve: () => void } | undefined;
    socket.on('message', data => {
      const message = JSON.parse(String(data));
      if (message.type === 'output') {
        output += message.data;
        if (waiting && output.includes(waiting.key)) {
          waiting.resolve();
        }
      } else if (message.type === 'exit' && waiting) {
        console.error(`the session ended: ${message.message}`);
        process.exit(1);
      }
    });
    await new Promise(r => socket.once('open', r));
    const type = (data: string) =>
      socket.send(JSON.stringify({ type: 'input', data }));
    // The prompt first, so that the shell reads keys.
    const started = Date.now();
    while (!output.includes('$') && !output.includes('#')) {
      if (Date.now() - started > 20_000) {
        throw new Error(`no prompt: ${JSON.stringify(output)}`);
      }
      await new Promise(r => setTimeout(r, 20));
    }
    const latencies: number[] = [];
    for (let i = 0; i < KEYS; i++) {
      // A key that cannot be confused with what is already on the line.
      const key = String.fromCharCode(97 + (i % 26));
      output = '';
      const start = process.hrtime.bigint();
      await new Promise<void>(resolve => {
        waiting = { key, resolve };
        type(key);
      });
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (i % 60 === 59) {
        type('\x15'); // Ctrl-U: clear the line
      }
    }
    waiting = undefined;
    socket.close();
    const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
    console.log(`terminal keystroke to echo, ${KEYS} keys on loopback:`);
    console.log(`  p50 ${fmt(percentile(latencies, 50))}`);
    console.log(`  p95 ${fmt(percentile(latencies, 95))}  (goal < 20 ms)`);
    console.log(`  p99 ${fmt(percentile(latencies, 99))}`);
    console.log(`  max ${fmt(Math.max(...latencies))}`);
  } finally {
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
