import { KubeObject } from '@k8s-ops/plugin-k8s-ops-common';
import { podTemplateOf } from './podTemplate';
import { recognizeWorkload } from './recognizeWorkload';
import { SERVICE_TYPES } from './serviceTypes';

function deployment(
  name: string,
  image: string,
  options: { labels?: Record<string, string>; port?: number } = {},
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: options.labels },
    spec: {
      template: {
        metadata: { labels: { app: name, ...options.labels } },
        spec: {
          containers: [
            {
              name: 'main',
              image,
              ports: options.port ? [{ containerPort: options.port }] : [],
            },
          ],
        },
      },
    },
  };
}

describe('recognizeWorkload', () => {
  it.each<[string, KubeObject, number[], string | undefined, string[]]>([
    [
      'a known image',
      deployment('db', 'postgres:16'),
      [],
      'postgresql',
      ['image'],
    ],
    ['Valkey', deployment('kv', 'valkey/valkey:8.0'), [], 'redis', ['image']],
    [
      'a Bitnami chart from a mirrored image',
      deployment('shop', 'mirror/db:11', {
        labels: {
          'app.kubernetes.io/name': 'mariadb',
          'helm.sh/chart': 'mariadb-18.2.0',
        },
        port: 3306,
      }),
      [],
      'mysql',
      ['label', 'chart', 'port'],
    ],
    [
      'a name and the port of its Service',
      deployment('orders-clickhouse', 'mycorp/olap:1'),
      [8123],
      'clickhouse',
      ['name', 'port'],
    ],
    [
      'nginx named after Redis',
      deployment('redis-ui', 'nginx:1.27', { port: 80 }),
      [80],
      undefined,
      [],
    ],
    [
      'nginx labelled Redis without its port',
      deployment('kv', 'nginx:1.27', {
        labels: { 'app.kubernetes.io/name': 'redis' },
        port: 8080,
      }),
      [],
      undefined,
      [],
    ],
    [
      'an exporter of PostgreSQL',
      deployment(
        'postgres-exporter',
        'prometheuscommunity/postgres-exporter:v0.15.0',
        {
          port: 9187,
        },
      ),
      [9187],
      undefined,
      [],
    ],
    [
      'a port alone',
      deployment('api', 'mycorp/api:1', { port: 5432 }),
      [],
      undefined,
      [],
    ],
  ])('%s', (_what, workload, servicePorts, type, matchedBy) => {
    const found = recognizeWorkload(
      workload,
      podTemplateOf(workload),
      () => servicePorts,
      SERVICE_TYPES,
    );
    expect(found?.rule.type).toBe(type);
    expect(found?.matchedBy ?? []).toEqual(matchedBy);
  });
});
