import { KubeObject } from '../types';
import {
  detectPodProblems,
  detectWorkloadProblems,
  podReadiness,
  podRestarts,
  podStatus,
  readiness,
} from './detectProblems';

const pod = (status: object): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p' },
    status,
  } as KubeObject);

describe('detectPodProblems', () => {
  it.each([
    [
      'a running, ready pod',
      {
        phase: 'Running',
        containerStatuses: [{ name: 'a', ready: true, state: { running: {} } }],
      },
      [],
    ],
    [
      'a crash loop',
      {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'a',
            ready: false,
            restartCount: 7,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
          },
        ],
      },
      ['crash-loop'],
    ],
    [
      'an image that cannot be pulled',
      {
        phase: 'Pending',
        containerStatuses: [
          {
            name: 'a',
            state: {
              waiting: { reason: 'ImagePullBackOff', message: 'not found' },
            },
          },
        ],
      },
      ['image-pull'],
    ],
    [
      'an OOM kill in the last state, crash-looping since',
      {
        phase: 'Running',
        containerStatuses: [
          {
            name: 'a',
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { reason: 'OOMKilled' } },
          },
        ],
      },
      ['crash-loop', 'oom-killed'],
    ],
    [
      'a failing readiness probe',
      {
        phase: 'Running',
        containerStatuses: [
          { name: 'a', ready: false, state: { running: {} } },
        ],
      },
      ['failing-probe'],
    ],
    [
      'a pod no node can take',
      {
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/3 nodes are available',
          },
        ],
      },
      ['unschedulable'],
    ],
  ])('%s: %j', (_, status, types) => {
    expect(detectPodProblems(pod(status)).map(p => p.type)).toEqual(types);
  });

  it('gives each problem a hint', () => {
    const [problem] = detectPodProblems(
      pod({
        phase: 'Running',
        containerStatuses: [
          {
            name: 'web',
            restartCount: 3,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
          },
        ],
      }),
    );
    expect(problem.message).toBe('Container web keeps crashing (3 restarts)');
    expect(problem.hint).toContain('logs of the previous container');
  });
});

describe('detectWorkloadProblems', () => {
  it.each([
    [
      'a stuck rollout',
      {
        kind: 'Deployment',
        status: {
          conditions: [
            {
              type: 'Progressing',
              status: 'False',
              reason: 'ProgressDeadlineExceeded',
            },
          ],
        },
      },
      ['stuck-rollout'],
    ],
    [
      'a failed job',
      {
        kind: 'Job',
        status: {
          conditions: [
            { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' },
          ],
        },
      },
      ['job-failed'],
    ],
    [
      'a healthy deployment',
      {
        kind: 'Deployment',
        status: {
          conditions: [
            {
              type: 'Progressing',
              status: 'True',
              reason: 'NewReplicaSetAvailable',
            },
          ],
        },
      },
      [],
    ],
  ])('%s', (_, workload, types) => {
    expect(
      detectWorkloadProblems({ metadata: {}, ...workload } as KubeObject).map(
        p => p.type,
      ),
    ).toEqual(types);
  });
});

describe('readiness', () => {
  it.each([
    [
      {
        kind: 'Deployment',
        spec: { replicas: 3 },
        status: { readyReplicas: 2 },
      },
      { ready: 2, desired: 3 },
    ],
    [
      {
        kind: 'DaemonSet',
        status: { numberReady: 3, desiredNumberScheduled: 3 },
      },
      { ready: 3, desired: 3 },
    ],
    [
      { kind: 'StatefulSet', spec: { replicas: 1 } },
      { ready: 0, desired: 1 },
    ],
  ])('%j', (workload, expected) => {
    expect(readiness({ metadata: {}, ...workload } as KubeObject)).toEqual(
      expected,
    );
  });
});

describe('pod status, restarts and readiness', () => {
  const podOf = (status: object, metadata: object = {}): KubeObject => ({
    kind: 'Pod',
    metadata: { name: 'p', ...metadata },
    status,
  });

  it('reads the most telling state', () => {
    expect(podStatus(podOf({ phase: 'Running' }))).toBe('Running');
    expect(
      podStatus(
        podOf({
          phase: 'Running',
          containerStatuses: [
            { state: { running: {} } },
            { state: { waiting: { reason: 'CrashLoopBackOff' } } },
          ],
        }),
      ),
    ).toBe('CrashLoopBackOff');
    expect(
      podStatus(
        podOf({
          phase: 'Succeeded',
          containerStatuses: [
            { state: { terminated: { reason: 'Completed' } } },
          ],
        }),
      ),
    ).toBe('Completed');
    expect(
      podStatus(podOf({ phase: 'Running' }, { deletionTimestamp: 'x' })),
    ).toBe('Terminating');
    expect(podStatus(podOf({}))).toBe('Unknown');
  });

  it('sums restarts and counts ready containers', () => {
    const p = podOf({
      containerStatuses: [
        { ready: true, restartCount: 2 },
        { ready: false, restartCount: 3 },
      ],
    });
    expect(podRestarts(p)).toBe(5);
    expect(podReadiness(p)).toEqual({ ready: 1, total: 2 });
    expect(podRestarts(podOf({}))).toBe(0);
  });
});
