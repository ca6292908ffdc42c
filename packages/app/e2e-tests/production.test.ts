import { expect, test } from './fixtures';

test.describe('the production build', () => {
  test('the backend serves the app, minified, on its own port', async ({
    request,
  }) => {
    const index = await request.get('/catalog');
    expect(index.status()).toBe(200);
    const html = await index.text();
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map(
      m => m[1],
    );
    expect(scripts.length).toBeGreaterThan(0);
    let chars = 0;
    let lines = 0;
    for (const src of scripts) {
      const js = await (await request.get(src)).text();
      chars += js.length;
      lines += js.split('\n').length;
    }
    // Minified: very long lines (a development build has about 40
    // characters a line).
    expect(chars / lines).toBeGreaterThan(5000);
  });

  test('error answers carry no stack trace or file path', async ({
    request,
  }) => {
    const signIn = await request.get('/api/auth/guest/refresh', {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    const { token } = (await signIn.json()).backstageIdentity;
    for (const [path, status] of [
      ['/api/k8s-ops/clusters/NOPE', 400],
      ['/api/k8s-ops/clusters/nope', 404],
    ] as const) {
      const answer = await request.get(path, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(answer.status()).toBe(status);
      const text = await answer.text();
      expect(JSON.parse(text).error.message).toEqual(expect.any(String));
      expect(text).not.toMatch(/"stack"|node_modules|\/src\/|\.[jt]s:\d/);
    }
  });
});
