import { KubeObject } from '@k8s-ops/plugin-k8s-ops-common';
import { applyWatchEvent, replaceStore, toCached } from './applyWatchEvent';

const pod = (uid: string, rv: string, extra: object = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { uid, name: `p-${uid}`, namespace: 'ns', resourceVersion: rv },
  ...extra,
});

describe('applyWatchEvent', () => {
  it.each([
    ['ADDED', [], 'ADDED', 1],
    ['MODIFIED', [pod('a', '1')], 'MODIFIED', 1],
    ['ADDED', [pod('a', '1')], 'MODIFIED', 1],
    ['DELETED', [pod('a', '1')], 'DELETED', 0],
    ['DELETED', [], undefined, 0],
    ['BOOKMARK', [], undefined, 0],
  ] as const)(
    '%s on a store of %j answers %s',
    (type, initial, change, size) => {
      const store = new Map(initial.map(o => [o.metadata.uid!, o]));
      expect(applyWatchEvent(store, { type, object: pod('a', '2') })).toBe(
        change,
      );
      expect(store.size).toBe(size);
    },
  );

  it('drops managed fields from what it keeps', () => {
    const store = new Map<string, KubeObject>();
    applyWatchEvent(store, {
      type: 'ADDED',
      object: {
        ...pod('a', '1'),
        metadata: {
          ...pod('a', '1').metadata,
          managedFields: [{ manager: 'x' }],
        },
      },
    });
    expect(store.get('a')!.metadata).not.toHaveProperty('managedFields');
    expect(toCached(pod('b', '1'))).toEqual(pod('b', '1'));
  });
});

describe('replaceStore', () => {
  it('answers what was added, modified and deleted since the last list', () => {
    const store = new Map([
      ['a', pod('a', '1')],
      ['b', pod('b', '1')],
      ['c', pod('c', '1')],
    ]);
    const changes = replaceStore(store, [
      pod('a', '1'),
      pod('b', '2'),
      pod('d', '1'),
    ]);
    expect(
      changes.map(c => `${c.type} ${c.object.metadata.uid}`).sort(),
    ).toEqual(['ADDED d', 'DELETED c', 'MODIFIED b']);
    expect([...store.keys()].sort()).toEqual(['a', 'b', 'd']);
  });
});
