import { InfraScan } from '@k8s-ops/plugin-k8s-ops-common';
import { countInfraServices } from './infraCounts';

const scan = (
  cluster: string,
  namespace: string | undefined,
  names: Array<[string, string]>,
): InfraScan => ({
  cluster,
  namespace,
  scannedAt: '2026-11-27T10:00:00.000Z',
  scannedBy: 'user:default/dana',
  durationMs: 1,
  services: [
    {
      type: 'redis',
      title: 'Redis / Valkey',
      category: 'cache',
      found: names.length > 0,
      instances: names.map(([ns, name]) => ({
        namespace: ns,
        name,
        workload: {
          kind: 'Deployment',
          apiVersion: 'apps/v1',
          name,
          ready: 1,
          desired: 1,
        },
        matchedBy: ['image'],
        endpoints: [],
      })),
    },
  ],
});

describe('countInfraServices', () => {
  it('counts each instance of a cluster once across its scans', () => {
    const counts = countInfraServices([
      scan('dev', 'shop', [['shop', 'cache']]),
      scan('dev', undefined, [
        ['shop', 'cache'],
        ['data', 'sessions'],
      ]),
      scan('prod', 'shop', []),
    ]);
    expect(Object.fromEntries(counts)).toEqual({ dev: 2, prod: 0 });
  });
});
