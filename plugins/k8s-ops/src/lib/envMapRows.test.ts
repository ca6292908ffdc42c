import { envMapRequest, renamedRow, rowsOf } from './envMapRows';

describe('environment rows', () => {
  it.each([
    ['DB_PASSWORD', true],
    ['apiKey', true],
    ['LOG_LEVEL', false],
  ])('marks %s sensitive: %s', (name, sensitive) => {
    expect(
      renamedRow({ name: '', value: '', sensitive: false }, name),
    ).toMatchObject({
      sensitive,
    });
  });

  it('keeps a sensitive mark set by hand when the name changes', () => {
    const row = { name: 'A', value: '', sensitive: true, sensitiveSet: true };
    expect(renamedRow(row, 'LOG_LEVEL').sensitive).toBe(true);
  });

  it('sends every row with its place, and keeps hidden values left empty', () => {
    const rows = rowsOf({
      cluster: 'dev',
      namespace: 'shop',
      name: 'app',
      configMap: 'app-config',
      secret: 'app-secrets',
      variables: [
        { name: 'DB_PASSWORD', value: '', sensitive: true, masked: true },
        { name: 'API_TOKEN', value: '', sensitive: true, masked: true },
        { name: 'LOG_LEVEL', value: 'info', sensitive: false },
      ],
    });
    rows[1].value = 'new-token';
    rows.push({
      name: 'PUBLIC_KEY_ID',
      value: 'k1',
      sensitive: false,
      sensitiveSet: true,
    });
    rows.push({ name: ' ', value: 'ignored', sensitive: false });
    expect(envMapRequest(' app ', rows, true)).toEqual({
      name: 'app',
      variables: {
        API_TOKEN: 'new-token',
        LOG_LEVEL: 'info',
        PUBLIC_KEY_ID: 'k1',
      },
      sensitive: { API_TOKEN: true, LOG_LEVEL: false, PUBLIC_KEY_ID: false },
      keep: ['DB_PASSWORD'],
      dryRun: true,
    });
  });
});
