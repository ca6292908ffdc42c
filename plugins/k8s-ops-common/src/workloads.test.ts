import { KubeObject, ResourceChange, WorkloadsResponse } from './types';
import {
  applyWorkloadChange,
  customResourcesOf,
  summarizeClusterWorkloads,
} from './workloads';

const pod = (uid: string, name: string, phase = 'Running'): KubeObject =>
  ({
    kind: 'Pod',
    metadata: { uid, name, namespace: 'shop' },
    status: { phase },
  } as KubeObject);

const response: WorkloadsResponse = {
  labelSelector: 'app=web',
  clusters: [
    {
      cluster: 'dev',
      title: 'Dev',
      readOnly: false,
      resources: { pods: [pod('1', 'web-a')] },
    },
    { cluster: 'prod', title: 'Prod', readOnly: true, resources: { pods: [] } },
  ],
};

const change = (
  type: ResourceChange['type'],
  object: KubeObject,
  cluster = 'dev',
  resource = 'pods',
): ResourceChange => ({
  type,
  cluster,
  resource,
  object,
});

describe('applyWorkloadChange', () => {
  it('adds a new object in name order', () => {
    const next = applyWorkloadChange(
      response,
      change('ADDED', pod('0', 'web-0')),
    );
    expect(next.clusters[0].resources.pods.map(p => p.metadata.name)).toEqual([
      'web-0',
      'web-a',
    ]);
  });

  it('replaces an object by uid', () => {
    const next = applyWorkloadChange(
      response,
      change('MODIFIED', pod('1', 'web-a', 'Failed')),
    );
    expect(next.clusters[0].resources.pods).toEqual([
      pod('1', 'web-a', 'Failed'),
    ]);
  });

  it('removes a deleted object', () => {
    const next = applyWorkloadChange(
      response,
      change('DELETED', pod('1', 'web-a')),
    );
    expect(next.clusters[0].resources.pods).toEqual([]);
  });

  it('leaves other clusters untouched, and ignores unknown clusters and kinds', () => {
    const next = applyWorkloadChange(
      response,
      change('ADDED', pod('2', 'web-b'), 'prod'),
    );
    expect(next.clusters[0]).toBe(response.clusters[0]);
    expect(
      applyWorkloadChange(response, change('ADDED', pod('3', 'x'), 'nowhere')),
    ).toBe(response);
    expect(
      applyWorkloadChange(
        response,
        change('ADDED', pod('3', 'x'), 'dev', 'secrets'),
      ),
    ).toBe(response);
  });

  it('folds changes of the custom kinds a cluster lists, and only there', () => {
    const route = (uid: string, name: string) =>
      ({
        kind: 'IngressRoute',
        metadata: { uid, name, namespace: 'shop' },
      } as KubeObject);
    const withRoutes: WorkloadsResponse = {
      ...response,
      clusters: [
        {
          ...response.clusters[0],
          resources: {
            ...response.clusters[0].resources,
            'ingressroutes.traefik.io': [],
          },
        },
        response.clusters[1],
      ],
    };
    expect(customResourcesOf(withRoutes)).toEqual(['ingressroutes.traefik.io']);
    expect(customResourcesOf(response)).toEqual([]);
    const added = applyWorkloadChange(
      withRoutes,
      change('ADDED', route('r1', 'web'), 'dev', 'ingressroutes.traefik.io'),
    );
    expect(
      added.clusters[0].resources['ingressroutes.traefik.io'].map(
        r => r.metadata.name,
      ),
    ).toEqual(['web']);
    expect(
      applyWorkloadChange(
        withRoutes,
        change('ADDED', route('r2', 'web'), 'prod', 'ingressroutes.traefik.io'),
      ),
    ).toBe(withRoutes);
  });
});

describe('summarizeClusterWorkloads', () => {
  it('counts workloads, pods and ready pods, and gathers their problems', () => {
    const readyPod = (name: string, ready: boolean): KubeObject => ({
      kind: 'Pod',
      metadata: { name, uid: name },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
        containerStatuses: ready
          ? [{ name: 'app', ready: true, restartCount: 0, state: {} }]
          : [
              {
                name: 'app',
                ready: false,
                restartCount: 9,
                state: { waiting: { reason: 'CrashLoopBackOff' } },
              },
            ],
      },
    });
    const summary = summarizeClusterWorkloads({
      cluster: 'dev',
      title: 'Dev',
      readOnly: false,
      resources: {
        'deployments.apps': [
          {
            kind: 'Deployment',
            metadata: { name: 'web' },
            spec: { replicas: 2 },
            status: { readyReplicas: 1 },
          },
        ],
        'replicasets.apps': [{ kind: 'ReplicaSet', metadata: { name: 'x' } }],
        pods: [readyPod('a', true), readyPod('b', false)],
      },
    });
    expect(summary).toMatchObject({ workloads: 1, pods: 2, readyPods: 1 });
    expect(summary.problems.map(p => p.type)).toContain('crash-loop');
  });
});
