import { KubeObject, ResourceChange } from '@k8s-ops/plugin-k8s-ops-common';
import {
  appendPage,
  applyListChange,
  listComparator,
  ObjectList,
} from './objectList';

const pod = (
  namespace: string,
  name: string,
  phase = 'Running',
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    uid: `${namespace}/${name}`,
    namespace,
    name,
    labels: { app: 'web' },
  },
  status: { phase },
});

const change = (
  type: ResourceChange['type'],
  object: KubeObject,
): ResourceChange => ({ type, cluster: 'dev', resource: 'pods', object });

const complete: ObjectList = {
  items: [pod('a', 'one'), pod('a', 'three'), pod('b', 'two')],
  total: 3,
};
// The first page of a longer list: its last loaded object is b/two.
const paged: ObjectList = { ...complete, total: 10, continue: 'next' };

const names = (list: ObjectList) =>
  list.items.map(o => `${o.metadata.namespace}/${o.metadata.name}`);

describe('applyListChange', () => {
  it('replaces a modified object where it is', () => {
    const next = applyListChange(
      complete,
      change('MODIFIED', pod('a', 'three', 'Failed')),
    );
    expect(names(next)).toEqual(['a/one', 'a/three', 'b/two']);
    expect(next.items[1].status).toEqual({ phase: 'Failed' });
    expect(next.items[0]).toBe(complete.items[0]);
    expect(next.total).toBe(3);
  });

  it.each([
    [
      'at the end of a complete list',
      complete,
      pod('c', 'four'),
      ['a/one', 'a/three', 'b/two', 'c/four'],
      4,
    ],
    [
      'in order among the loaded pages',
      paged,
      pod('a', 'two'),
      ['a/one', 'a/three', 'a/two', 'b/two'],
      11,
    ],
    [
      'nowhere beyond the loaded pages (a later page brings it)',
      paged,
      pod('c', 'four'),
      ['a/one', 'a/three', 'b/two'],
      11,
    ],
  ])('puts an added object %s', (_where, list, object, expected, total) => {
    const next = applyListChange(list, change('ADDED', object));
    expect(names(next)).toEqual(expected);
    expect(next.total).toBe(total);
  });

  it('removes a deleted object and counts it out', () => {
    const next = applyListChange(complete, change('DELETED', pod('a', 'one')));
    expect(names(next)).toEqual(['a/three', 'b/two']);
    expect(next.total).toBe(2);
  });

  it('counts out a deleted object of a page not loaded yet', () => {
    const next = applyListChange(paged, change('DELETED', pod('z', 'last')));
    expect(next.items).toBe(paged.items);
    expect(next.total).toBe(9);
  });

  it('removes an object that no longer matches the list', () => {
    const relabelled = {
      ...pod('a', 'one'),
      metadata: { ...pod('a', 'one').metadata, labels: {} },
    };
    const next = applyListChange(
      complete,
      change('MODIFIED', relabelled),
      o => o.metadata.labels?.app === 'web',
    );
    expect(names(next)).toEqual(['a/three', 'b/two']);
  });

  it('answers the same list when a change concerns nothing loaded', () => {
    expect(applyListChange(paged, change('MODIFIED', pod('z', 'last')))).toBe(
      paged,
    );
  });
});

describe('appendPage', () => {
  it('appends a page, skipping objects a live change already added', () => {
    const next = appendPage(paged, {
      items: [pod('b', 'two'), pod('c', 'four')],
      total: 4,
    });
    expect(names(next)).toEqual(['a/one', 'a/three', 'b/two', 'c/four']);
    expect(next.continue).toBeUndefined();
    expect(next.total).toBe(4);
  });
});

describe('listComparator', () => {
  const aged = (namespace: string, name: string, day: number): KubeObject => ({
    metadata: {
      namespace,
      name,
      uid: `${namespace}/${name}`,
      creationTimestamp: `2026-11-${String(day).padStart(2, '0')}T00:00:00Z`,
    },
  });
  const objects = [aged('b', 'x', 3), aged('a', 'y', 1), aged('a', 'x', 2)];
  const order = (o: Parameters<typeof listComparator>[0]) =>
    [...objects]
      .sort(listComparator(o))
      .map(p => `${p.metadata.namespace}/${p.metadata.name}`);

  it.each<[Parameters<typeof listComparator>[0], string[]]>([
    [{}, ['a/x', 'a/y', 'b/x']],
    [{ order: 'desc' }, ['b/x', 'a/y', 'a/x']],
    [{ sortBy: 'name' }, ['a/x', 'b/x', 'a/y']],
    [{ sortBy: 'name', order: 'desc' }, ['a/y', 'b/x', 'a/x']],
    [{ sortBy: 'age' }, ['b/x', 'a/x', 'a/y']],
  ])('orders %j as the backend pages it', (o, expected) => {
    expect(order(o)).toEqual(expected);
  });

  it('inserts a live change where the order of the list puts it', () => {
    const list: ObjectList = {
      items: [aged('a', 'y', 1), aged('a', 'x', 2)],
      total: 2,
    };
    const next = applyListChange(
      list,
      change('ADDED', aged('c', 'xx', 5)),
      undefined,
      listComparator({ sortBy: 'name', order: 'desc' }),
    );
    expect(next.items.map(p => p.metadata.name)).toEqual(['y', 'xx', 'x']);
  });
});
