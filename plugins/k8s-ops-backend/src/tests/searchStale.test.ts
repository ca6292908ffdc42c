import { ensureKubeBinaries, LocalCluster } from '@k8s-ops/local-kube';
import { eventually } from '@k8s-ops/local-kube/testing';
import { SearchResponse } from '@k8s-ops/plugin-k8s-ops-common';
import request from 'supertest';
import {
  allowAll,
  startK8sOpsBackend,
} from '../__testUtils__/startK8sOpsBackend';

const api = '/api/k8s-ops';

describe('search on a cluster that goes away', () => {
  it('keeps finding its objects, marked stale', async () => {
    const cluster = await LocalCluster.start({
      name: 'search-away',
      binDir: await ensureKubeBinaries(),
      nodes: 1,
    });
    try {
      const { server } = await startK8sOpsBackend({
        policy: () => allowAll,
        config: {
          k8sOps: {
            cache: { prewarm: [] },
            search: { kinds: ['namespaces'] },
            clusters: [
              {
                name: 'search-away',
                url: cluster.server,
                caData: Buffer.from(cluster.caPem).toString('base64'),
                token: cluster.adminToken,
              },
            ],
          },
        },
      });
      const search = async () =>
        (await request(server).get(`${api}/search`).query({ q: 'kube-system' }))
          .body as SearchResponse;
      const live = await eventually('kube-system in the index', async () => {
        const body = await search();
        return body.total === 1 ? body : undefined;
      });
      expect(live.items[0]).toMatchObject({
        kind: 'Namespace',
        name: 'kube-system',
        stale: false,
      });

      await cluster.stop();

      const stale = await eventually(
        'the stale mark',
        async () => {
          const body = await search();
          return body.items[0]?.stale ? body : undefined;
        },
        30_000,
      );
      expect(stale.total).toBe(1);
      expect(stale.items[0]).toMatchObject({
        name: 'kube-system',
        stale: true,
      });
    } finally {
      await cluster.stop();
    }
  });
});
