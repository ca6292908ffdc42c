import { parsePort, parseTarget } from './parseArguments';

describe('parseTarget', () => {
  it.each([
    [
      'dev/shop/web-1',
      { cluster: 'dev', namespace: 'shop', kind: 'pod', name: 'web-1' },
    ],
    [
      'dev/shop/pod/web-1',
      { cluster: 'dev', namespace: 'shop', kind: 'pod', name: 'web-1' },
    ],
    [
      'dev/shop/svc/web',
      { cluster: 'dev', namespace: 'shop', kind: 'service', name: 'web' },
    ],
    [
      'dev/shop/service/web',
      { cluster: 'dev', namespace: 'shop', kind: 'service', name: 'web' },
    ],
  ])('%s', (text, target) => {
    expect(parseTarget(text)).toEqual(target);
  });

  it.each([
    'dev/shop',
    'dev//web',
    'dev/shop/deploy/web',
    'dev/shop/svc/web/x',
  ])('refuses %s with the forms it takes', text => {
    expect(() => parseTarget(text)).toThrow(
      `'${text}' is not a target: write <cluster>/<namespace>/<pod>, or <cluster>/<namespace>/svc/<service>`,
    );
  });
});

describe('parsePort', () => {
  it.each([
    ['5432', { local: 5432, remote: 5432 }],
    ['15432:5432', { local: 15432, remote: 5432 }],
    [':5432', { local: 0, remote: 5432 }],
    ['0:5432', { local: 0, remote: 5432 }],
  ])('%s', (text, mapping) => {
    expect(parsePort(text)).toEqual(mapping);
  });

  it.each([
    [
      'http',
      "'http' is not a port: write 5432, 15432:5432, or :5432 for a free local port",
    ],
    ['', "'' is not a port"],
    ['70000', "'70000' has a port out of range (1 to 65535)"],
    ['1:70000', "'1:70000' has a port out of range (1 to 65535)"],
    ['0', "'0' names no remote port"],
    ['5432:0', "'5432:0' names no remote port"],
  ])('refuses %j', (text, message) => {
    expect(() => parsePort(text)).toThrow(message);
  });
});
