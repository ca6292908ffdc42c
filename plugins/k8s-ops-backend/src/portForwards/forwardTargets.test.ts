import { KubeObject } from '@k8s-ops/plugin-k8s-ops-common';
import { isReadyPod, podPorts, servicePodPorts } from './forwardTargets';

function pod(
  name: string,
  options: {
    ready?: boolean;
    phase?: string;
    labels?: Record<string, string>;
    created?: string;
    deleting?: boolean;
    namespace?: string;
  } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: options.namespace ?? 'shop',
      labels: options.labels ?? { app: 'web' },
      creationTimestamp: options.created ?? '2026-11-27T10:00:00Z',
      ...(options.deleting
        ? { deletionTimestamp: '2026-11-27T11:00:00Z' }
        : {}),
    },
    spec: {
      containers: [
        { name: 'web', ports: [{ name: 'http', containerPort: 8080 }] },
      ],
    },
    status: {
      phase: options.phase ?? 'Running',
      conditions: [
        { type: 'Ready', status: options.ready === false ? 'False' : 'True' },
      ],
    },
  } as KubeObject;
}

const service = (
  ports: object[],
  selector: object | undefined = { app: 'web' },
) =>
  ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'shop' },
    spec: { selector, ports },
  } as KubeObject);

describe('isReadyPod', () => {
  it.each([
    ['running and ready', pod('a'), true],
    ['running, not ready', pod('a', { ready: false }), false],
    ['pending', pod('a', { phase: 'Pending' }), false],
    ['being deleted', pod('a', { deleting: true }), false],
  ])('%s: %s', (_what, object, ready) => {
    expect(isReadyPod(object)).toBe(ready);
  });
});

describe('podPorts', () => {
  it('maps each port to itself on a running pod', () => {
    expect(podPorts(pod('a'), [80, 443])).toEqual([
      { port: 80, podPort: 80 },
      { port: 443, podPort: 443 },
    ]);
  });

  it.each([
    [
      pod('a', { phase: 'Pending' }),
      'Pod shop/a is Pending: only a running pod forwards ports',
    ],
    [
      pod('a', { deleting: true }),
      'Pod shop/a is being deleted: only a running pod forwards ports',
    ],
  ])('refuses a pod that does not run (%#)', (object, message) => {
    expect(() => podPorts(object, [80])).toThrow(message);
  });
});

describe('servicePodPorts', () => {
  it.each([
    ['a numeric target port', { port: 80, targetPort: 8080 }, 8080],
    ['a named target port', { port: 80, targetPort: 'http' }, 8080],
    ['a target port as digits', { port: 80, targetPort: '9090' }, 9090],
    ['no target port: the port itself', { port: 80 }, 80],
  ])('resolves %s', (_what, servicePort, podPort) => {
    const chosen = servicePodPorts(service([servicePort]), [pod('a')], [80]);
    expect(chosen.ports).toEqual([{ port: 80, podPort }]);
  });

  it('chooses the oldest ready pod that the selector matches in the namespace', () => {
    const chosen = servicePodPorts(
      service([{ port: 80 }]),
      [
        pod('not-ready', { ready: false, created: '2026-01-01T00:00:00Z' }),
        pod('other-app', {
          labels: { app: 'db' },
          created: '2026-01-01T00:00:00Z',
        }),
        pod('elsewhere', {
          namespace: 'data',
          created: '2026-01-01T00:00:00Z',
        }),
        pod('newer', { created: '2026-11-27T12:00:00Z' }),
        pod('older', { created: '2026-11-27T09:00:00Z' }),
      ],
      [80],
    );
    expect(chosen.pod.metadata.name).toBe('older');
  });

  it.each([
    [
      service([{ port: 80 }], {}),
      [pod('a')],
      [80],
      'Service shop/web has no selector, so no pod to forward to; forward to a pod instead',
    ],
    [
      service([{ port: 80 }, { port: 81 }]),
      [pod('a')],
      [5432],
      'Service shop/web has no port 5432; its ports are 80, 81',
    ],
    [
      service([{ port: 80 }]),
      [pod('a', { ready: false })],
      [80],
      'Service shop/web has no ready pod',
    ],
    [
      service([{ port: 80, targetPort: 'grpc' }]),
      [pod('a')],
      [80],
      "Pod shop/a has no port named 'grpc'",
    ],
  ])(
    'refuses with a message a person can act on (%#)',
    (svc, pods, ports, message) => {
      expect(() => servicePodPorts(svc, pods, ports)).toThrow(message);
    },
  );
});
