import {
  detectPodProblems,
  KubeObject,
  podReadiness,
  podRestarts,
  podStatus,
} from '@k8s-ops/plugin-k8s-ops-common';
import { summaryOf } from './summaryOf';

const job: KubeObject = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: {
    name: 'migrate',
    namespace: 'shop',
    uid: 'j1',
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
  },
  spec: {
    completions: 3,
    parallelism: 1,
    template: {
      spec: {
        containers: [
          {
            name: 'main',
            image: 'migrate:2',
            env: [{ name: 'A', value: '1' }],
          },
        ],
      },
    },
  },
  status: { succeeded: 1 },
};

const configMap = {
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'shop', uid: 'c1' },
  data: { 'a.yaml': 'secretish: value' },
} as KubeObject;

const crashingPod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'shop', uid: 'p1' },
  spec: {
    nodeName: 'node-1',
    containers: [{ name: 'main', image: 'web:1', env: [] }],
  },
  status: {
    phase: 'Running',
    podIP: '10.0.0.7',
    podIPs: [{ ip: '10.0.0.7' }],
    qosClass: 'BestEffort',
    conditions: [
      {
        type: 'Ready',
        status: 'False',
        reason: 'ContainersNotReady',
        lastTransitionTime: '2026-01-01T00:00:00Z',
      },
    ],
    containerStatuses: [
      {
        name: 'main',
        ready: false,
        restartCount: 7,
        image: 'web:1',
        imageID: 'docker-pullable://web@sha256:0123',
        containerID: 'containerd://abc',
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off' } },
        lastState: { terminated: { reason: 'OOMKilled', exitCode: 137 } },
      },
    ],
  },
};

const pendingPod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-2', namespace: 'shop', uid: 'p2' },
  spec: { containers: [{ name: 'main', image: 'web:1' }] },
  status: {
    phase: 'Pending',
    conditions: [
      {
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message: '0/3 nodes are available',
        lastProbeTime: null,
      },
    ],
  },
};

describe('summaryOf', () => {
  it.each<[string, KubeObject, object]>([
    [
      'a Job keeps its completions, images and status',
      job,
      {
        kind: 'Job',
        metadata: { name: 'migrate', namespace: 'shop', uid: 'j1' },
        spec: {
          completions: 3,
          parallelism: 1,
          template: {
            spec: { containers: [{ name: 'main', image: 'migrate:2' }] },
          },
        },
        status: { succeeded: 1 },
      },
    ],
    [
      'a ConfigMap keeps its keys, not their values',
      configMap,
      { kind: 'ConfigMap', data: { 'a.yaml': '' } },
    ],
    [
      'a pod keeps its node, readiness, restarts and reasons',
      crashingPod,
      {
        spec: { nodeName: 'node-1', containers: [{ image: 'web:1' }] },
        status: {
          phase: 'Running',
          podIP: '10.0.0.7',
          conditions: [{ type: 'Ready', status: 'False' }],
          containerStatuses: [
            {
              restartCount: 7,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: { terminated: { reason: 'OOMKilled' } },
            },
          ],
        },
      },
    ],
  ])('%s', (_, object, expected) => {
    const summary = summaryOf(object);
    expect(summary).toMatchObject(expected);
    expect(JSON.stringify(summary)).not.toMatch(
      /last-applied|secretish|"env"|imageID|containerID|qosClass|TransitionTime/,
    );
  });

  it.each([crashingPod, pendingPod])(
    'a pod summary reads as the whole pod: status, readiness, restarts, problems',
    pod => {
      const summary = summaryOf(pod);
      expect(podStatus(summary)).toBe(podStatus(pod));
      expect(podReadiness(summary)).toEqual(podReadiness(pod));
      expect(podRestarts(summary)).toBe(podRestarts(pod));
      expect(detectPodProblems(summary)).toEqual(detectPodProblems(pod));
      expect(detectPodProblems(pod).length).toBeGreaterThan(0);
    },
  );
});
