import { KubeObject, WorkloadsResponse } from '@k8s-ops/plugin-k8s-ops-common';
import { encodeWorkloads } from './encodeWorkloads';
import { summaryOf } from '../resources/summaryOf';

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'shop',
    uid: 'u1',
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
  },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'main',
            image: 'nginx:1.27',
            env: [{ name: 'A', value: '1' }],
          },
        ],
      },
    },
  },
  status: { readyReplicas: 2 },
};

const configMap: KubeObject = {
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'shop', uid: 'u2' },
  data: { 'a.yaml': 'secretish: value' },
} as KubeObject;

const response = (
  objects: Record<string, KubeObject[]>,
): WorkloadsResponse => ({
  labelSelector: 'app=web',
  clusters: [
    {
      cluster: 'dev',
      title: 'Dev',
      readOnly: false,
      resources: objects,
      freshness: { live: true },
    },
  ],
});

describe('encodeWorkloads', () => {
  it('encodes what JSON.stringify would, in summary or whole', () => {
    const answer = response({
      'deployments.apps': [deployment],
      configmaps: [configMap],
    });
    expect(
      JSON.parse(encodeWorkloads(answer, { summary: false }).body),
    ).toEqual(answer);
    const summary = JSON.parse(encodeWorkloads(answer, { summary: true }).body);
    expect(summary.clusters[0].resources['deployments.apps'][0]).toEqual(
      JSON.parse(JSON.stringify(summaryOf(deployment))),
    );
    expect(summary.clusters[0].freshness).toEqual({ live: true });
  });

  it('keeps the ETag while nothing changes, and changes it with an object', () => {
    const before = encodeWorkloads(
      response({ 'deployments.apps': [deployment] }),
      {
        summary: true,
      },
    );
    const same = encodeWorkloads(
      response({ 'deployments.apps': [deployment] }),
      {
        summary: true,
      },
    );
    const scaled = encodeWorkloads(
      response({
        'deployments.apps': [{ ...deployment, status: { readyReplicas: 3 } }],
      }),
      { summary: true },
    );
    expect(same.etag).toBe(before.etag);
    expect(scaled.etag).not.toBe(before.etag);
  });

  it('encodes an empty cluster list', () => {
    const empty = { labelSelector: 'a=b', clusters: [] };
    expect(JSON.parse(encodeWorkloads(empty, { summary: true }).body)).toEqual(
      empty,
    );
  });
});
