import { KubeObject } from '@k8s-ops/plugin-k8s-ops-common';
import { parse } from 'yaml';
import {
  describeObject,
  diffLineClass,
  editableYaml,
  parseManifest,
} from './manifest';

describe('editableYaml', () => {
  it('leaves out what the server owns', () => {
    const object: KubeObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'settings',
        namespace: 'team-shop',
        uid: 'u1',
        resourceVersion: '42',
        creationTimestamp: '2026-11-25T10:00:00Z',
        managedFields: [{ manager: 'kubectl' }],
        labels: { app: 'shop' },
      },
      data: { mode: 'fast' },
      status: { phase: 'whatever' },
    };
    expect(parse(editableYaml(object))).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'settings',
        namespace: 'team-shop',
        labels: { app: 'shop' },
      },
      data: { mode: 'fast' },
    });
  });
});

describe('parseManifest', () => {
  it('reads one object', () => {
    expect(
      parseManifest(
        '# a comment\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\n',
      ),
    ).toEqual({
      object: {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings' },
      },
    });
  });

  it.each([
    ['', 'Paste the YAML of one object'],
    ['# only a comment', 'Paste the YAML of one object'],
    ['apiVersion: v1\n  kind: x', /^YAML error: .+line 1/],
    ['a: [1', /^YAML error/],
    [
      '- a\n- b',
      'The YAML must be an object with apiVersion, kind and metadata',
    ],
    ['kind: ConfigMap', 'Missing apiVersion, metadata.name'],
    ['apiVersion: v1\nkind: ConfigMap\nmetadata: {}', 'Missing metadata.name'],
    [
      'apiVersion: v1\nkind: A\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: B\nmetadata:\n  name: b',
      'One object at a time: the text holds 2 documents',
    ],
  ])('refuses %j: %s', (text, error) => {
    const parsed = parseManifest(text);
    expect(parsed.object).toBeUndefined();
    expect(parsed.error).toMatch(error);
  });
});

describe('diffLineClass', () => {
  it.each([
    ['--- live', 'header'],
    ['+++ applied', 'header'],
    ['@@ -1,3 +1,4 @@', 'hunk'],
    ['+  mode: slow', 'added'],
    ['-  mode: fast', 'removed'],
    ['   name: settings', 'context'],
    ['', 'context'],
  ])('%j is %s', (line, kind) => {
    expect(diffLineClass(line)).toBe(kind);
  });
});

describe('describeObject', () => {
  it.each([
    [
      { kind: 'ConfigMap', metadata: { name: 'a', namespace: 'ns' } },
      'ConfigMap ns/a',
    ],
    [{ kind: 'Namespace', metadata: { name: 'ns' } }, 'Namespace ns'],
  ])('%j reads %s', (object, text) => {
    expect(describeObject(object)).toBe(text);
  });
});
