import {
  environmentMapManifests,
  isSensitiveName,
  splitEnvironment,
} from './environment';

describe('splitEnvironment', () => {
  it('sends names that hold a sensitive part to the Secret, in any case', () => {
    expect(
      splitEnvironment({
        DB_PASSWORD: 'p',
        apiKey: 'k',
        GITHUB_TOKEN: 't',
        AWS_SECRET_ACCESS_KEY: 's',
        LOG_LEVEL: 'debug',
        PORT: '3000',
      }),
    ).toEqual({
      config: { LOG_LEVEL: 'debug', PORT: '3000' },
      secret: {
        DB_PASSWORD: 'p',
        apiKey: 'k',
        GITHUB_TOKEN: 't',
        AWS_SECRET_ACCESS_KEY: 's',
      },
    });
  });

  it('takes patterns and per-name choices over the defaults', () => {
    expect(
      splitEnvironment(
        { MONKEY: 'banana', LICENSE: 'x', PASSWORD_HINT: 'y' },
        { patterns: ['LICENSE'], sensitive: { PASSWORD_HINT: false } },
      ),
    ).toEqual({
      config: { MONKEY: 'banana', PASSWORD_HINT: 'y' },
      secret: { LICENSE: 'x' },
    });
  });

  it('ignores an empty pattern, which would match every name', () => {
    expect(isSensitiveName('PORT', [''])).toBe(false);
  });
});

describe('environmentMapManifests', () => {
  it('names the ConfigMap and Secret after the map and keeps values apart', () => {
    const [configMap, secret] = environmentMapManifests({
      name: 'web',
      namespace: 'shop',
      environment: { config: { PORT: '80' }, secret: { TOKEN: 't' } },
      labels: { 'app.kubernetes.io/managed-by': 'k8s-ops' },
    });
    expect(configMap).toMatchObject({
      kind: 'ConfigMap',
      metadata: { name: 'web-config', namespace: 'shop' },
      data: { PORT: '80' },
    });
    expect(JSON.stringify(configMap)).not.toContain('"t"');
    expect(secret).toMatchObject({
      kind: 'Secret',
      metadata: { name: 'web-secrets', namespace: 'shop' },
      data: { TOKEN: 'dA==' },
    });
  });
});
