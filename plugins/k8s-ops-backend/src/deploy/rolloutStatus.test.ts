import { KubeObject } from '@k8s-ops/plugin-k8s-ops-common';
import { rolloutStatus } from './rolloutStatus';

const deployment = (status: object, replicas = 3): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', generation: 2 },
  spec: { replicas },
  status: { observedGeneration: 2, ...status },
});

const pod = (status: object): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1' },
  status,
});

const all = {
  replicas: 3,
  updatedReplicas: 3,
  readyReplicas: 3,
  availableReplicas: 3,
};

describe('rolloutStatus', () => {
  it.each<[string, KubeObject | undefined, KubeObject[], string, string]>([
    [
      'no Deployment yet',
      undefined,
      [],
      'progressing',
      'waiting for the Deployment',
    ],
    [
      'every replica available',
      deployment(all),
      [],
      'available',
      'available: 3 of 3 replicas',
    ],
    [
      'an old replica left',
      deployment({ ...all, replicas: 4 }),
      [],
      'progressing',
      '3 updated',
    ],
    [
      'a generation not yet observed',
      deployment({ ...all, observedGeneration: 1 }),
      [],
      'progressing',
      '3 updated',
    ],
    [
      'a crash loop',
      deployment({}),
      [
        pod({
          containerStatuses: [
            {
              name: 'web',
              restartCount: 7,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: { terminated: { reason: 'Error', exitCode: 1 } },
            },
          ],
        }),
      ],
      'failed',
      'crash loop: container web of pod web-1 restarted 7 times (last exit Error code 1)',
    ],
    [
      'an image pull error',
      deployment({}),
      [
        pod({
          containerStatuses: [
            {
              name: 'web',
              state: {
                waiting: { reason: 'ImagePullBackOff', message: 'not found' },
              },
            },
          ],
        }),
      ],
      'failed',
      'image pull error: container web of pod web-1: ImagePullBackOff: not found',
    ],
    [
      'an unschedulable pod',
      deployment({}),
      [
        pod({
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message: '0/3 nodes are available',
            },
          ],
        }),
      ],
      'failed',
      'unschedulable: pod web-1: 0/3 nodes are available',
    ],
    [
      'an exceeded progress deadline',
      deployment({
        conditions: [
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: 'ReplicaSet "web-1" has timed out progressing.',
          },
        ],
      }),
      [],
      'failed',
      'progress deadline exceeded: ReplicaSet "web-1" has timed out progressing.',
    ],
  ])('%s', (_case, d, pods, status, message) => {
    const rollout = rolloutStatus(d, pods);
    expect(rollout.status).toBe(status);
    expect(rollout.message).toContain(message);
  });
});
