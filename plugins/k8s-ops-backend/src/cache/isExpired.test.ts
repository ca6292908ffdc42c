import { ServiceUnavailableError } from '@backstage/errors';
import { toBackstageError } from '../kube/kubeErrors';
import { isExpired } from './isExpired';

const expiredStatus = {
  kind: 'Status' as const,
  status: 'Failure',
  message: 'too old resource version: 1041 (2250)',
  reason: 'Expired',
  code: 410,
};

describe('isExpired', () => {
  it.each<[string, unknown, boolean]>([
    ['a 410 answer', toBackstageError('c', 410, { message: 'Gone' }), true],
    [
      'a watch ERROR event mapped like an answer',
      toBackstageError('c', 410, expiredStatus),
      true,
    ],
    ['the Status of a watch ERROR event itself', expiredStatus, true],
    [
      'a reason Expired with another code',
      toBackstageError('c', 500, { reason: 'Expired', message: 'expired' }),
      true,
    ],
    [
      'a reason Gone',
      toBackstageError('c', 500, { reason: 'Gone', message: 'gone' }),
      true,
    ],
    [
      'the message alone, wrapped as unreachable',
      new ServiceUnavailableError(
        "Cluster 'c' is unreachable: too old resource version: 5 (9)",
      ),
      true,
    ],
    [
      'a 410 as the cause of another error',
      new Error('watch failed', {
        cause: toBackstageError('c', 410, expiredStatus),
      }),
      true,
    ],
    [
      'an unreachable cluster',
      new ServiceUnavailableError(
        "Cluster 'c' is unreachable: connection refused",
      ),
      false,
    ],
    ['an expired certificate', new Error('certificate has expired'), false],
    ['a 500 answer', toBackstageError('c', 500, { message: 'boom' }), false],
    ['a 404 answer', toBackstageError('c', 404, { message: 'gone?' }), false],
    ['nothing', undefined, false],
    ['a string', 'too old', false],
  ])('%s', (_name, error, expected) => {
    expect(isExpired(error)).toBe(expected);
  });
});
