import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackendProcess } from './__testUtils__/BackendProcess';

jest.setTimeout(300_000);

describe('the backend with NODE_ENV=production', () => {
  // A static token, since no sign-in provider is configured.
  const token = randomBytes(24).toString('base64url');
  let dataDir: string;
  let backend: BackendProcess;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'k8s-ops-data-'));
    backend = await BackendProcess.start({
      dataDir,
      nodeEnv: 'production',
      guest: false,
      config: [
        'backend:',
        '  auth:',
        '    externalAccess:',
        '      - type: static',
        `        options: { token: '${token}', subject: production-test }`,
      ].join('\n'),
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses guest sign-in unless app-config.guest.yaml is added', async () => {
    const answer = await fetch(`${backend.baseUrl}/api/auth/guest/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(answer.status).toBe(404);
  });

  it.each([
    ['a bad cluster name', 'GET', '/api/k8s-ops/clusters/NOPE', undefined, 400],
    ['an unknown cluster', 'GET', '/api/k8s-ops/clusters/nope', undefined, 404],
    [
      'a list on an unknown cluster',
      'GET',
      '/api/k8s-ops/clusters/nope/resources/pods',
      undefined,
      404,
    ],
    ['a body that is not JSON', 'POST', '/api/k8s-ops/clusters', '{', 400],
  ])(
    'answers %s with no stack trace or file path',
    async (_, method, path, rawBody, status) => {
      const answer = await backend.request(path, token, { method, rawBody });
      expect(answer.status).toBe(status);
      expect(answer.body.error.message).toEqual(expect.any(String));
      expect(answer.body.error).not.toHaveProperty('stack');
      expect(answer.text).not.toMatch(/"stack"|node_modules|\/src\/|\.ts:\d/);
      expect(answer.text).not.toContain(dataDir);
    },
  );

  it('answers an unknown route with an empty 404', async () => {
    const answer = await backend.request('/api/k8s-ops/nothing-here', token);
    expect({ status: answer.status, text: answer.text }).toEqual({
      status: 404,
      text: '',
    });
  });
});
