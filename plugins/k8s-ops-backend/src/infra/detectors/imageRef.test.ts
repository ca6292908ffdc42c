import { imageMatches, parseImage } from './imageRef';

describe('parseImage', () => {
  it.each([
    ['postgres:16', 'postgres', 'postgres', '16'],
    ['docker.io/library/redis:7.2.4-alpine', 'redis', 'redis', '7.2.4'],
    [
      'docker.io/bitnami/postgresql:16.2.0-debian-12-r5',
      'bitnami/postgresql',
      'postgresql',
      '16.2.0',
    ],
    ['registry.local:5000/team/mongo:v7.0.1', 'team/mongo', 'mongo', '7.0.1'],
    ['localhost/nats', 'nats', 'nats', undefined],
    ['quay.io/minio/minio:latest', 'minio/minio', 'minio', undefined],
    [
      'ghcr.io/cloudnative-pg/postgresql:16.1@sha256:abcdef',
      'cloudnative-pg/postgresql',
      'postgresql',
      '16.1',
    ],
    ['qdrant/qdrant@sha256:abcdef', 'qdrant/qdrant', 'qdrant', undefined],
  ])('%s → %s (%s, version %s)', (image, repository, name, version) => {
    expect(parseImage(image)).toMatchObject({ repository, name, version });
  });
});

describe('imageMatches', () => {
  it.each([
    ['redis:7', 'redis', true],
    ['oliver006/redis_exporter:v1.58', 'redis', false],
    ['nginx:1.27', 'redis', false],
    ['registry.opensource.zalan.do/acid/spilo-16:3.2', 'spilo*', true],
    ['bitnami/postgresql:16', 'bitnami/postgresql', true],
    ['mycorp/postgresql:16', 'bitnami/postgresql', false],
  ])('%s against %s: %s', (image, pattern, expected) => {
    expect(imageMatches(parseImage(image), pattern)).toBe(expected);
  });
});
