import { mockServices } from '@backstage/backend-test-utils';
import { KindDescriptor } from '@k8s-ops/plugin-k8s-ops-common';
import { testClusters } from '@k8s-ops/local-kube/testing';
import { ClusterDefinition } from '../clusters/types';
import { KubeClientFactory } from '../kube/KubeClientFactory';
import { WatchCache } from './WatchCache';

const kind = (resource: string, k: string): KindDescriptor => ({
  group: '',
  version: 'v1',
  resource,
  kind: k,
  namespaced: true,
  verbs: ['list', 'watch'],
  shortNames: [],
  subresources: [],
  preferred: true,
});

describe('WatchCache eviction', () => {
  const clients = new KubeClientFactory();
  let cache: WatchCache;

  beforeEach(() => {
    cache = new WatchCache({ logger: mockServices.logger.mock() });
  });

  afterEach(() => cache.stop());
  afterAll(() => clients.close());

  function client() {
    const [dev] = testClusters();
    const definition: ClusterDefinition = {
      name: dev.name,
      title: dev.name,
      source: 'config',
      url: dev.server,
      labels: {},
      readOnly: false,
      impersonate: false,
      credentials: {
        caData: Buffer.from(dev.caPem).toString('base64'),
        token: dev.adminToken,
      },
    };
    return clients.forCluster(definition);
  }

  it('stops the watches nobody read for a while, and keeps the held ones', async () => {
    const c = client();
    const configMaps = kind('configmaps', 'ConfigMap');
    const secrets = kind('secrets', 'Secret');
    const services = kind('services', 'Service');
    cache.watcher(c, configMaps);
    const release = cache.hold(c, secrets);
    cache.hold(c, services);
    await cache.watcher(c, configMaps).ready();

    const later = Date.now() + 60_000;
    expect(cache.evictIdle(30_000, later)).toEqual([`${c.cluster}|configmaps`]);
    expect(
      cache
        .stats()
        .map(s => s.resource)
        .sort(),
    ).toEqual(['secrets', 'services']);

    release();
    expect(cache.evictIdle(30_000, Date.now())).toEqual([]);
    expect(cache.evictIdle(30_000, later)).toEqual([`${c.cluster}|secrets`]);
    expect(cache.stats().map(s => s.resource)).toEqual(['services']);

    // An evicted kind is watched again on its next read.
    const again = cache.watcher(c, configMaps);
    await again.ready();
    expect(again.stats().objects).toBeGreaterThan(0);
  });
});
