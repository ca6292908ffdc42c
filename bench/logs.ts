/*
 * Benchmark: log follow latency, from a line written to the container's log
 * to the line read by the person.
 *
 *   bench/run.sh logs          (LINES=50 by default)
 *
 * Follows a pod's log through the backend's route (AuthorizedLogService,
 * LogStreamer, the log subresource of a real API server, kwok's kubelet
 * tailing its log file) and a workload's merged log, appends timestamped
 * lines to the file kwok reads, and times each until it arrives over HTTP.
 */
import { appendFile } from 'node:fs/promises';
import { get } from 'node:http';
import { percentile } from './measure';
import { NAMESPACE, startStreamServer } from './streamServer';

const LINES = Number(process.env.LINES ?? 50);

async function measure(url: string, logsFile: string, label: string) {
  let text = '';
  const request = get(url, res => {
    res.setEncoding('utf8');
    res.on('data', chunk => (text += chunk));
  });
  request.on('error', () => undefined);
  const until = async (marker: string) => {
    const deadline = Date.now() + 20_000;
    while (!text.includes(marker)) {
      if (Date.now() > deadline) {
        throw new Error(`${marker} did not arrive`);
      }
      await new Promise(r => setImmediate(r));
    }
  };
  await until('\n');
  const latencies: number[] = [];
  for (let i = 0; i < LINES; i++) {
    const marker = `bench-${label}-${i}-${Date.now()}`;
    const start = process.hrtime.bigint();
    await appendFile(
      logsFile,
      `${new Date().toISOString()} stdout F ${marker}\n`,
    );
    await until(marker);
    latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  request.destroy();
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(
    `${label}: p50 ${fmt(percentile(latencies, 50))}, p95 ${fmt(
      percentile(latencies, 95),
    )}, max ${fmt(Math.max(...latencies))} (${LINES} lines)`,
  );
}

async function main() {
  const server = await startStreamServer();
  try {
    console.log('log follow, line written to line received:');
    const query = `namespace=${NAMESPACE}&follow=true&tailLines=1`;
    await measure(
      `http://${server.url}/clusters/bench/pods/${server.pod}/logs?${query}`,
      server.cluster.logsFile,
      'pod',
    );
    await measure(
      `http://${server.url}/clusters/bench/workloads/deployments/echo/logs?${query}`,
      server.cluster.logsFile,
      'workload (merged)',
    );
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
