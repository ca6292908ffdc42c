import { KubeObject, Problem } from '@k8s-ops/plugin-k8s-ops-common';
import { customResourceDetails, problemHelp } from './entityObjects';

const problem = (type: Problem['type']): Problem => ({
  type,
  message: type,
  hint: 'do something',
});

describe('problemHelp', () => {
  it.each([
    ['crash-loop', 'previous-logs', "Read the previous container's logs"],
    ['oom-killed', 'previous-logs', "Read the previous container's logs"],
    ['job-failed', 'logs', 'Read the logs of its pods'],
    ['image-pull', 'events', 'See the pull errors'],
    ['unschedulable', 'events', 'See the scheduler events'],
    ['stuck-rollout', 'events', 'See the events'],
  ] as const)('%s opens the %s tab: "%s"', (type, tab, label) => {
    expect(problemHelp(problem(type))).toEqual({ tab, label });
  });
});

describe('customResourceDetails', () => {
  it('reads a phase, a Ready condition and ready replicas after the API version', () => {
    const object = (status?: object) =>
      ({
        apiVersion: 'example.io/v1',
        kind: 'Thing',
        metadata: { name: 'x' },
        status,
      } as KubeObject);
    expect(customResourceDetails(object())).toBe('example.io/v1');
    expect(customResourceDetails(object({ phase: 'Bound' }))).toBe(
      'example.io/v1 · Bound',
    );
    expect(
      customResourceDetails(
        object({
          conditions: [{ type: 'Ready', status: 'False', reason: 'Pending' }],
          replicas: 3,
          readyReplicas: 1,
        }),
      ),
    ).toBe('example.io/v1 · Pending · 1/3 ready');
  });
});
