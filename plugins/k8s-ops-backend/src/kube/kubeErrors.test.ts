import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  KubeStatus,
  kubeStatusCode,
  toBackstageError,
  watchEventError,
} from './kubeErrors';

describe('toBackstageError', () => {
  it.each<[number, KubeStatus | undefined, Function, string]>([
    [400, { message: 'bad patch' }, InputError, 'bad patch'],
    [
      401,
      { message: 'Unauthorized' },
      NotAllowedError,
      "Cluster 'dev' refused the credentials k8s-ops uses for it: Unauthorized",
    ],
    [
      403,
      { message: 'pods is forbidden' },
      NotAllowedError,
      'pods is forbidden',
    ],
    [
      404,
      { message: 'pods "x" not found' },
      NotFoundError,
      'pods "x" not found',
    ],
    [409, { message: 'already exists' }, ConflictError, 'already exists'],
    [
      410,
      { message: 'too old resource version' },
      InputError,
      "too old resource version; the list changed too much since the page was read, start again without 'continue'",
    ],
    [
      422,
      {
        message: 'ConfigMap "x" is invalid',
        details: {
          causes: [{ field: 'data[bad key!]', message: 'a valid key' }],
        },
      },
      InputError,
      'ConfigMap "x" is invalid (data[bad key!]: a valid key)',
    ],
    [
      500,
      {
        message:
          'failed to create typed patch object (/v1, Kind=ConfigMap) shop/x: .data.a: expected string, got &value.valueUnstructured{Value:1}',
      },
      InputError,
      'Invalid object: field data.a: expected string, got 1',
    ],
    [
      500,
      {
        message:
          'failed to create typed patch object (apps/v1, Kind=Deployment) shop/web: .spec.replicas: expected numeric (int or float), got string',
      },
      InputError,
      'Invalid object: field spec.replicas: expected numeric (int or float), got string',
    ],
    [
      500,
      { message: 'etcdserver: request timed out' },
      ServiceUnavailableError,
      "Cluster 'dev' answered 500: etcdserver: request timed out",
    ],
    [
      503,
      undefined,
      ServiceUnavailableError,
      "Cluster 'dev' answered 503: HTTP 503",
    ],
  ])('maps %i (%j) to %p', (code, status, type, message) => {
    const error = toBackstageError('dev', code, status);
    expect(error).toBeInstanceOf(type);
    expect(error.message).toBe(message);
    expect(kubeStatusCode(error)).toBe(code);
  });
});

describe('watchEventError', () => {
  it.each<[KubeStatus | undefined, number, Function]>([
    [
      { code: 410, message: 'too old resource version: 1 (5)' },
      410,
      InputError,
    ],
    [{ code: 403, message: 'forbidden' }, 403, NotAllowedError],
    [{ message: 'no code' }, 500, ServiceUnavailableError],
    [undefined, 500, ServiceUnavailableError],
  ])(
    'makes an error of the watch status %j, coded %i',
    (status, code, type) => {
      const error = watchEventError('dev', status);
      expect(error).toBeInstanceOf(type);
      expect(kubeStatusCode(error)).toBe(code);
    },
  );
});
