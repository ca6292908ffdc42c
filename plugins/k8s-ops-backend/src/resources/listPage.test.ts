import { InputError } from '@backstage/errors';
import { KindDescriptor, KubeObject } from '@k8s-ops/plugin-k8s-ops-common';
import { encodeContinue, listPage, ListQuery } from './listPage';

const pods: KindDescriptor = {
  group: '',
  version: 'v1',
  resource: 'pods',
  kind: 'Pod',
  namespaced: true,
  verbs: ['list'],
  shortNames: ['po'],
  subresources: [],
  preferred: true,
};
const nodes: KindDescriptor = {
  ...pods,
  resource: 'nodes',
  kind: 'Node',
  namespaced: false,
};

function pod(
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
  phase = 'Running',
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { namespace, name, labels, uid: `${namespace}-${name}` },
    status: { phase },
  };
}

// Deliberately out of order: the engine sorts by namespace, then name.
const objects = [
  pod('shop', 'web-b', { app: 'web', tier: 'front' }),
  pod('data', 'db', { app: 'db' }, 'Pending'),
  pod('shop', 'web-a', { app: 'web', tier: 'front' }, 'Pending'),
  pod('shop', 'api', { app: 'api', tier: 'back' }),
  pod('data', 'cache', { app: 'cache', tier: 'back' }),
];

const names = (items: KubeObject[]) =>
  items.map(o => `${o.metadata.namespace}/${o.metadata.name}`);

describe('listPage', () => {
  it.each<[string, ListQuery, string[]]>([
    [
      'everything, sorted',
      {},
      ['data/cache', 'data/db', 'shop/api', 'shop/web-a', 'shop/web-b'],
    ],
    ['one namespace', { namespace: 'data' }, ['data/cache', 'data/db']],
    [
      'a label equality',
      { labelSelector: 'app=web' },
      ['shop/web-a', 'shop/web-b'],
    ],
    [
      'a label set and a negation',
      { labelSelector: 'tier in (front,back),app!=web' },
      ['data/cache', 'shop/api'],
    ],
    ['a label that must be absent', { labelSelector: '!tier' }, ['data/db']],
    [
      'a field',
      { fieldSelector: 'status.phase=Pending' },
      ['data/db', 'shop/web-a'],
    ],
    [
      'a field and a label in a namespace',
      {
        namespace: 'shop',
        labelSelector: 'tier=front',
        fieldSelector: 'status.phase!=Pending',
      },
      ['shop/web-b'],
    ],
    ['a namespace with nothing in it', { namespace: 'empty' }, []],
    [
      'names holding a text, in any case',
      { name: 'WEB' },
      ['shop/web-a', 'shop/web-b'],
    ],
    [
      'everything by name',
      { sortBy: 'name' },
      ['shop/api', 'data/cache', 'data/db', 'shop/web-a', 'shop/web-b'],
    ],
    [
      'everything by name, descending',
      { sortBy: 'name', order: 'desc' },
      ['shop/web-b', 'shop/web-a', 'data/db', 'data/cache', 'shop/api'],
    ],
    [
      'a name filter, descending by namespace',
      { name: 'a', order: 'desc' },
      ['shop/web-a', 'shop/api', 'data/cache'],
    ],
  ])('keeps %s', (_, query, expected) => {
    const page = listPage(objects, pods, query);
    expect(names(page.items)).toEqual(expected);
    expect(page.total).toBe(expected.length);
    expect(page.continue).toBeUndefined();
  });

  it('ignores the namespace for a cluster-scoped kind', () => {
    const node = (name: string): KubeObject => ({ metadata: { name } });
    const page = listPage([node('b'), node('a')], nodes, {
      namespace: 'shop',
    });
    expect(page.items.map(o => o.metadata.name)).toEqual(['a', 'b']);
  });

  it("applies the caller's filter after the selectors, and counts only what it keeps", () => {
    const seen: string[] = [];
    const page = listPage(objects, pods, { labelSelector: 'tier' }, o => {
      seen.push(o.metadata.name!);
      return o.metadata.namespace === 'shop';
    });
    expect(names(page.items)).toEqual(['shop/api', 'shop/web-a', 'shop/web-b']);
    expect(page.total).toBe(3);
    expect(seen.sort()).toEqual(['api', 'cache', 'web-a', 'web-b']);
  });

  it.each([
    [1, 5],
    [2, 3],
    [3, 2],
    [5, 1],
    [7, 1],
  ])(
    'with limit %i, walks every object once in %i pages',
    (limit, pageCount) => {
      const walked: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = listPage(objects, pods, { limit, continue: token });
        expect(page.total).toBe(objects.length);
        walked.push(...names(page.items));
        token = page.continue;
        pages++;
      } while (token);
      expect(pages).toBe(pageCount);
      expect(walked).toEqual(names(listPage(objects, pods, {}).items));
    },
  );

  it.each<[ListQuery, string]>([
    [{ sortBy: 'name', order: 'desc' }, 'shop/web-b'],
    // Newest first: the last object created leads.
    [{ sortBy: 'age' }, 'data/cache'],
    [{ sortBy: 'namespace', order: 'desc', name: 'e' }, 'shop/web-b'],
  ])('pages %j in the order of the whole list', (query, leading) => {
    const aged = objects.map((o, i) => ({
      ...o,
      metadata: {
        ...o.metadata,
        creationTimestamp: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
      },
    }));
    const whole = names(listPage(aged, pods, query).items);
    const walked: string[] = [];
    let token: string | undefined;
    do {
      const page = listPage(aged, pods, {
        ...query,
        limit: 2,
        continue: token,
      });
      walked.push(...names(page.items));
      token = page.continue;
    } while (token);
    expect(walked).toEqual(whole);
    expect(whole[0]).toBe(leading);
  });

  it.each<[string, KubeObject[], string[]]>([
    [
      'the object it names is gone',
      objects.filter(o => o.metadata.name !== 'db'),
      ['shop/api', 'shop/web-a'],
    ],
    [
      'an object was added before it',
      [...objects, pod('data', 'aaa')],
      ['shop/api', 'shop/web-a'],
    ],
    [
      'an object was added after it',
      [...objects, pod('data', 'dz')],
      ['data/dz', 'shop/api'],
    ],
    ['nothing is left after it', objects.slice(1, 2), []],
  ])(
    'a continue token resumes after the object it names when %s',
    (_, current, expected) => {
      const token = encodeContinue(pod('data', 'db'));
      const page = listPage(current, pods, { limit: 2, continue: token });
      expect(names(page.items)).toEqual(expected);
    },
  );

  it.each([
    ['a label selector', { labelSelector: 'a b=c' }, 'invalid label key'],
    ['a label selector', { labelSelector: 'app=,' }, 'empty term'],
    [
      'a field selector',
      { fieldSelector: 'status.phase' },
      'invalid field selector term',
    ],
    ['a continue token', { continue: 'garbage' }, "Invalid 'continue'"],
    [
      'a continue token',
      { continue: Buffer.from('42').toString('base64url') },
      "Invalid 'continue'",
    ],
    [
      'a continue token',
      { continue: Buffer.from('[1,2]').toString('base64url') },
      "Invalid 'continue'",
    ],
  ])(
    'refuses %s it cannot read (%j) with an InputError',
    (_, query, message) => {
      const attempt = () => listPage(objects, pods, query);
      expect(attempt).toThrow(InputError);
      expect(attempt).toThrow(message);
    },
  );
});
