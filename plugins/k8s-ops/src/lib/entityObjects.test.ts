import { Problem } from '@k8s-ops/plugin-k8s-ops-common';
import { problemHelp } from './entityObjects';

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
