/*
 * Benchmark: warm start of one local control plane (binaries already built),
 * the seed data, and the memory of its components.
 *
 *   bench/run.sh control-plane        (RUNS=3 by default)
 */
import {
  ensureKubeBinaries,
  LocalCluster,
  seedCluster,
} from '@k8s-ops/local-kube';

const RUNS = Number(process.env.RUNS ?? 3);

async function main() {
  const binDir = await ensureKubeBinaries();
  for (let run = 1; run <= RUNS; run++) {
    const started = Date.now();
    const cluster = await LocalCluster.start({ name: `bench-${run}`, binDir });
    const ready = Date.now() - started;
    await seedCluster(cluster);
    const seeded = Date.now() - started;
    // Let controllers and kwok settle before reading memory.
    await new Promise(r => setTimeout(r, 15_000));
    const memory = await cluster.memory();
    const total = Object.values(memory).reduce((a, b) => a + b, 0);
    console.log(
      `run ${run}: ready in ${ready} ms, seeded in ${seeded} ms; RSS ${Math.round(
        total / 1024,
      )} MiB (${Object.entries(memory)
        .map(([name, kb]) => `${name} ${Math.round(kb / 1024)}`)
        .join(', ')})`,
    );
    await cluster.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
