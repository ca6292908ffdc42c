import {
  declaredPorts,
  parsePortList,
  portForwardCommand,
} from './portForwardCommand';

describe('portForwardCommand', () => {
  it.each([
    [
      { kind: 'service' as const, name: 'orders-db' },
      [5432],
      'K8S_OPS_TOKEN=<your Backstage token> yarn k8s-ops port-forward dev/data/svc/orders-db :5432 --url http://localhost:7007/api/k8s-ops',
    ],
    [
      { kind: 'pod' as const, name: 'web-1' },
      [80, 443],
      'K8S_OPS_TOKEN=<your Backstage token> yarn k8s-ops port-forward dev/data/web-1 :80 :443 --url http://localhost:7007/api/k8s-ops',
    ],
  ])('%j', (target, ports, command) => {
    expect(
      portForwardCommand({
        cluster: 'dev',
        namespace: 'data',
        target,
        ports,
        backendBaseUrl: 'http://localhost:7007/api/k8s-ops',
      }),
    ).toBe(command);
  });
});

describe('declaredPorts', () => {
  it.each([
    [
      { kind: 'Service', spec: { ports: [{ port: 80 }, { port: 443 }] } },
      [80, 443],
    ],
    [
      {
        kind: 'Pod',
        spec: {
          containers: [
            { ports: [{ containerPort: 8080 }] },
            { ports: [{ containerPort: 9090 }, { containerPort: 8080 }] },
            {},
          ],
        },
      },
      [8080, 9090],
    ],
    [{ kind: 'Pod', spec: {} }, []],
  ])('%j', (object, ports) => {
    expect(declaredPorts(object)).toEqual(ports);
  });
});

describe('parsePortList', () => {
  it.each([
    ['5432', { ports: [5432] }],
    ['80, 443', { ports: [80, 443] }],
    ['80 443', { ports: [80, 443] }],
    ['', { problem: 'Enter at least one port' }],
    ['http', { problem: "'http' is not a port (1 to 65535)" }],
    ['70000', { problem: "'70000' is not a port (1 to 65535)" }],
    ['0', { problem: "'0' is not a port (1 to 65535)" }],
  ])('%j', (text, result) => {
    expect(parsePortList(text)).toEqual(result);
  });
});
