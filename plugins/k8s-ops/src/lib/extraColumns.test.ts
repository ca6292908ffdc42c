import { KubeObject } from '@k8s-ops/plugin-k8s-ops-common';
import { kind } from '../__testUtils__/fixtures';
import { extraColumns } from './extraColumns';

const values = (k: ReturnType<typeof kind>, object: KubeObject) =>
  Object.fromEntries(
    extraColumns(k, [object]).map(c => [c.title, c.value(object)]),
  );

describe('extraColumns', () => {
  it('gives pods their status, readiness, restarts and node', () => {
    const pod: KubeObject = {
      kind: 'Pod',
      metadata: { name: 'web-1' },
      spec: { nodeName: 'node-1' },
      status: {
        phase: 'Running',
        containerStatuses: [
          { ready: true, restartCount: 0, state: { running: {} } },
          {
            ready: false,
            restartCount: 7,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
          },
        ],
      },
    };
    expect(values(kind('', 'v1', 'pods', 'Pod'), pod)).toEqual({
      Status: 'CrashLoopBackOff',
      Ready: '1/2',
      Restarts: 7,
      Node: 'node-1',
    });
  });

  it.each([
    [
      'Ready',
      { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
      {},
      'Ready',
    ],
    [
      'NotReady',
      { phase: 'Running', conditions: [{ type: 'Ready', status: 'Unknown' }] },
      {},
      'NotReady',
    ],
    ['NotReady', {}, {}, 'NotReady'],
    [
      'Ready,SchedulingDisabled',
      { conditions: [{ type: 'Ready', status: 'True' }] },
      { unschedulable: true },
      'Ready,SchedulingDisabled',
    ],
  ])('shows a node %s, never its phase', (_, status, spec, expected) => {
    const node: KubeObject = {
      kind: 'Node',
      metadata: { name: 'node-1' },
      spec,
      status: { ...status, nodeInfo: { kubeletVersion: 'v1.34.0' } },
    };
    expect(values(kind('', 'v1', 'nodes', 'Node'), node)).toEqual({
      Status: expected,
      Version: 'v1.34.0',
    });
  });

  it.each([
    [
      'Deployment',
      'deployments',
      { spec: { replicas: 3 }, status: { readyReplicas: 2 } },
      '2/3',
    ],
    [
      'CloneSet',
      'clonesets',
      { spec: { replicas: 1 }, status: { readyReplicas: 1 } },
      '1/1',
    ],
    [
      'DaemonSet',
      'daemonsets',
      { status: { numberReady: 3, desiredNumberScheduled: 3 } },
      '3/3',
    ],
  ])('gives a %s its ready replicas', (kindName, resource, fields, ready) => {
    expect(
      values(kind('apps', 'v1', resource, kindName), {
        kind: kindName,
        metadata: { name: 'x' },
        ...fields,
      }),
    ).toEqual({ Ready: ready });
  });

  it('gives jobs their completions and outcome', () => {
    expect(
      values(kind('batch', 'v1', 'jobs', 'Job'), {
        kind: 'Job',
        metadata: { name: 'migrate' },
        spec: { completions: 1 },
        status: {
          succeeded: 0,
          conditions: [{ type: 'Failed', status: 'True' }],
        },
      }),
    ).toEqual({ Completions: '0/1', Status: 'Failed' });
  });

  it.each([
    [{ status: { phase: 'Bound' } }, [{ Status: 'Bound' }]],
    [
      {
        status: {
          conditions: [
            { type: 'Ready', status: 'False', reason: 'NoEndpoints' },
          ],
        },
      },
      [{ Status: 'NoEndpoints' }],
    ],
    [{ data: { a: '1' } }, []],
  ])(
    'gives any other kind a status column when its objects report one: %j',
    (fields, expected) => {
      const object: KubeObject = { metadata: { name: 'x' }, ...fields };
      const columns = extraColumns(kind('x.io', 'v1', 'things', 'Thing'), [
        object,
      ]);
      expect(columns.map(c => ({ [c.title]: c.value(object) }))).toEqual(
        expected,
      );
    },
  );
});
