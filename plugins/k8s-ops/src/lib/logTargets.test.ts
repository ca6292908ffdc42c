import { containersOf, logResourceOf } from './logTargets';

describe('logResourceOf', () => {
  it.each([
    [{ group: '', kind: 'Pod' }, 'pods'],
    [{ group: 'apps', kind: 'Deployment' }, 'deployments'],
    [{ group: 'apps', kind: 'StatefulSet' }, 'statefulsets'],
    [{ group: 'apps', kind: 'DaemonSet' }, 'daemonsets'],
    [{ group: 'batch', kind: 'Job' }, 'jobs'],
    [{ group: 'apps', kind: 'ReplicaSet' }, undefined],
    [{ group: 'batch', kind: 'CronJob' }, undefined],
    [{ group: 'example.com', kind: 'Pod' }, undefined],
  ])('%j reads logs as %s', (kind, resource) => {
    expect(logResourceOf(kind)).toBe(resource);
  });
});

describe('containersOf', () => {
  const meta = { metadata: { name: 'x' } };
  it.each([
    [
      'a pod',
      { ...meta, spec: { containers: [{ name: 'a' }, { name: 'b' }] } },
      ['a', 'b'],
    ],
    [
      'a workload',
      {
        ...meta,
        spec: { template: { spec: { containers: [{ name: 'web' }] } } },
      },
      ['web'],
    ],
    ['an object without containers', meta, []],
  ])('names the containers of %s', (_what, object, names) => {
    expect(containersOf(object)).toEqual(names);
  });
});
