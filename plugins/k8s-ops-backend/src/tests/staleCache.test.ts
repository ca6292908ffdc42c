import { ensureKubeBinaries, LocalCluster } from '@k8s-ops/local-kube';
import { eventually } from '@k8s-ops/local-kube/testing';
import { SearchResponse } from '@k8s-ops/plugin-k8s-ops-common';
import request from 'supertest';
import {
  allowAll,
  startK8sOpsBackend,
} from '../__testUtils__/startK8sOpsBackend';

const api = '/api/k8s-ops';

describe('a cluster that goes away', () => {
  it('keeps being served from the cache and found by search, marked stale with its age and the reason', async () => {
    const cluster = await LocalCluster.start({
      name: 'going-away',
      binDir: await ensureKubeBinaries(),
      nodes: 1,
    });
    try {
      const { server } = await startK8sOpsBackend({
        policy: () => allowAll,
        config: {
          k8sOps: {
            cache: { prewarm: [] },
            // Only what the test reads is watched, and searched.
            search: { kinds: ['namespaces'] },
            clusters: [
              {
                name: 'going-away',
                url: cluster.server,
                caData: Buffer.from(cluster.caPem).toString('base64'),
                token: cluster.adminToken,
              },
            ],
          },
        },
      });
      const live = await request(server).get(
        `${api}/clusters/going-away/resources/namespaces`,
      );
      expect(live.status).toBe(200);
      expect(live.body.freshness.live).toBe(true);
      const names = live.body.items.map((n: any) => n.metadata.name);
      expect(names).toContain('kube-system');
      const search = async () =>
        (await request(server).get(`${api}/search`).query({ q: 'kube-system' }))
          .body as SearchResponse;
      const found = await eventually('kube-system in the index', async () => {
        const body = await search();
        return body.total === 1 ? body : undefined;
      });
      expect(found.items[0]).toMatchObject({ kind: 'Namespace', stale: false });

      await cluster.stop();

      const deadline = Date.now() + 30_000;
      let stale = live;
      while (stale.body.freshness.live && Date.now() < deadline) {
        await new Promise(r => setTimeout(r, 250));
        stale = await request(server).get(
          `${api}/clusters/going-away/resources/namespaces`,
        );
      }
      expect(stale.status).toBe(200);
      expect(stale.body.items.map((n: any) => n.metadata.name)).toEqual(names);
      expect(stale.body.freshness).toMatchObject({ live: false });
      expect(stale.body.freshness.staleSeconds).toBeGreaterThanOrEqual(0);
      expect(stale.body.freshness.error).toContain(
        "Cluster 'going-away' is unreachable",
      );

      const staleHit = await search();
      expect(staleHit.total).toBe(1);
      expect(staleHit.items[0]).toMatchObject({
        name: 'kube-system',
        stale: true,
      });

      const cache = await request(server).get(`${api}/cache`);
      expect(cache.body.items).toEqual([
        expect.objectContaining({
          cluster: 'going-away',
          resource: 'namespaces',
          objects: names.length,
          freshness: expect.objectContaining({ live: false }),
        }),
      ]);
      expect(cache.body.items[0].bytes).toBeGreaterThan(0);
    } finally {
      await cluster.stop();
    }
  });
});
