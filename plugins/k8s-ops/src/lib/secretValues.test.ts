import { KubeObject } from '@k8s-ops/plugin-k8s-ops-common';
import { isSecret, secretKeys, secretValues } from './secretValues';

const secret = (fields: object): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db', namespace: 'shop' },
  ...fields,
});

const base64 = (bytes: number[]) => btoa(String.fromCharCode(...bytes));

describe('secretValues', () => {
  it.each([
    ['no values', {}, []],
    [
      'text in data',
      { data: { user: btoa('admin'), password: btoa('s3cret!') } },
      [
        { key: 'password', text: 's3cret!', bytes: 7 },
        { key: 'user', text: 'admin', bytes: 5 },
      ],
    ],
    [
      'UTF-8 text',
      { data: { greeting: base64([0x68, 0xc3, 0xa9]) } },
      [{ key: 'greeting', text: 'hé', bytes: 3 }],
    ],
    [
      'binary data',
      { data: { keystore: base64([0xff, 0xfe, 0x00, 0x80]) } },
      [{ key: 'keystore', bytes: 4 }],
    ],
    [
      'stringData over data for the same key',
      { data: { token: btoa('old') }, stringData: { token: 'new' } },
      [{ key: 'token', text: 'new', bytes: 3 }],
    ],
    [
      'an empty value',
      { data: { empty: '' } },
      [{ key: 'empty', text: '', bytes: 0 }],
    ],
  ])('%s', (_case, fields, expected) => {
    expect(secretValues(secret(fields))).toEqual(expected);
  });
});

describe('secretKeys', () => {
  it('lists the keys of data and stringData once, sorted', () => {
    expect(
      secretKeys(
        secret({ data: { b: '', a: '' }, stringData: { a: '', c: '' } }),
      ),
    ).toEqual(['a', 'b', 'c']);
  });
});

describe('isSecret', () => {
  it.each([
    [{ apiVersion: 'v1', kind: 'Secret' }, true],
    [{ apiVersion: 'v1', kind: 'ConfigMap' }, false],
    [{ apiVersion: 'example.com/v1', kind: 'Secret' }, false],
  ])('%j: %s', (fields, expected) => {
    expect(isSecret({ metadata: {}, ...fields })).toBe(expected);
  });
});
