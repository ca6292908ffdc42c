import { KubeObject } from '../types';
import { composeShapes } from './__fixtures__/composeShapes';
import { ComposeError } from './ComposeError';
import { composeServiceNames, composeVariables } from './composeFile';
import { composeToManifests } from './composeToManifests';
import { interpolate } from './interpolate';
import { toDnsLabel } from './names';

const one = (service: Record<string, unknown>) => ({
  services: { web: service },
});
const byKind = (objects: KubeObject[], kind: string) =>
  objects.find(o => o.kind === kind) as any;
const containerOf = (objects: KubeObject[]) =>
  byKind(objects, 'Deployment').spec.template.spec.containers[0];

describe('interpolate', () => {
  it.each([
    ['${A}', { A: 'x' }, 'x'],
    ['$A/$B', { A: 'x', B: 'y' }, 'x/y'],
    ['${A:-d}', {}, 'd'],
    ['${A:-d}', { A: '' }, 'd'],
    ['${A-d}', { A: '' }, ''],
    ['${A-d}', {}, 'd'],
    ['${A:-${B:-inner}}', {}, 'inner'],
    ['cost $$5', {}, 'cost $5'],
    ['${PORT:-3002}:3000', { PORT: '8080' }, '8080:3000'],
  ])('%s with %j is %s', (text, variables, expected) => {
    expect(interpolate(text, variables, 'f')).toBe(expected);
  });

  it.each([
    [
      '${TAG}',
      'f: the variable TAG has no value and no default; give it in variables',
    ],
    ['${TAG:?give a tag}', 'f: the variable TAG is required: give a tag'],
    ['${TAG?}', 'f: the variable TAG is required'],
  ])('%s unresolved is refused: %s', (text, message) => {
    expect(() => interpolate(text, {}, 'f')).toThrow(message);
  });
});

describe('toDnsLabel', () => {
  it.each([
    ['openmemory-compose:mem0-ui', 'openmemory-compose-mem0-ui'],
    ['My_App.Web', 'my-app-web'],
    ['--a--b--', 'a-b'],
    ['x'.repeat(70), 'x'.repeat(63)],
    [`${'a'.repeat(62)}-b`, 'a'.repeat(62)],
    ['***', 'app'],
  ])('%s becomes %s', (text, label) => {
    expect(toDnsLabel(text)).toBe(label);
    expect(label).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
  });
});

describe('composeToManifests', () => {
  it('makes a sanitised Deployment and Service, with an exec probe from the health check, from variables in the image', () => {
    const { name, objects } = composeToManifests({
      document: composeShapes.variablesInImage,
      namespace: 'shop',
      variables: { UI_TAG: 'v1.2' },
    });
    expect(name).toBe('openmemory-compose-mem0-ui');
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ConfigMap/openmemory-compose-mem0-ui-config',
      'Deployment/openmemory-compose-mem0-ui',
      'Service/openmemory-compose-mem0-ui',
    ]);
    const container = containerOf(objects);
    expect(container.image).toBe('ghcr.io/mem0ai/openmemory-ui:v1.2');
    expect(container.readinessProbe).toEqual({
      exec: { command: ['wget', '-qO-', 'http://localhost:3000/'] },
      periodSeconds: 30,
      timeoutSeconds: 5,
      failureThreshold: 3,
      initialDelaySeconds: 0,
    });
    expect(byKind(objects, 'ConfigMap').data).toEqual({
      NEXT_PUBLIC_API_URL: 'http://localhost:8765',
    });
    expect(byKind(objects, 'Deployment').metadata.labels).toMatchObject({
      'app.kubernetes.io/name': 'openmemory-compose-mem0-ui',
      'app.kubernetes.io/part-of': 'openmemory-compose',
      'app.kubernetes.io/managed-by': 'k8s-ops',
    });
  });

  it('resolves ports with defaults, names each port once, and splits the environment into a ConfigMap and a Secret', () => {
    const { objects } = composeToManifests({
      document: composeShapes.variablesInPorts,
      namespace: 'shop',
      variables: { DB_PASSWORD: 's3cret' },
      options: { exposure: 'NodePort' },
    });
    const service = byKind(objects, 'Service');
    expect(service.spec.type).toBe('NodePort');
    expect(service.spec.ports).toEqual([
      { name: 'tcp-3002', port: 3002, targetPort: 'tcp-3000', protocol: 'TCP' },
      { name: 'metrics', port: 9090, targetPort: 'metrics', protocol: 'TCP' },
    ]);
    const container = containerOf(objects);
    expect(container.resources).toEqual({
      requests: { cpu: '250m', memory: '128Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    });
    expect(container.readinessProbe).toBeUndefined();
    expect(container.envFrom).toEqual([
      { configMapRef: { name: 'api-config' } },
      { secretRef: { name: 'api-secrets' } },
    ]);
    expect(byKind(objects, 'Secret').data).toEqual({
      DATABASE_PASSWORD: btoa('s3cret'),
    });
    expect(byKind(objects, 'Deployment').spec.replicas).toBe(2);
  });

  it('makes no Service and no probe for a worker without ports or health check; invalid labels become annotations', () => {
    const { objects } = composeToManifests({
      document: composeShapes.noHealthCheck,
      namespace: 'jobs',
      options: {
        replicas: 3,
        kubernetesId: 'worker',
        imagePullSecret: 'regcred',
      },
    });
    expect(objects.map(o => o.kind)).toEqual(['Deployment']);
    const deployment = byKind(objects, 'Deployment');
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.metadata.labels).toMatchObject({
      'com.example.team': 'shop',
      'backstage.io/kubernetes-id': 'worker',
    });
    expect(deployment.metadata.annotations).toEqual({
      description: 'a background worker',
    });
    expect(deployment.spec.template.spec.imagePullSecrets).toEqual([
      { name: 'regcred' },
    ]);
    expect(containerOf(objects).args).toEqual([
      'sh',
      '-c',
      'while true; do sleep 30; done',
    ]);
  });

  it.each([
    [
      { ports: ['3000', '3000/udp', 8080, '127.0.0.1:80:8080'] },
      ['tcp-3000', 'udp-3000', 'tcp-8080'],
      ['tcp-3000', 'udp-3000', 'tcp-8080', 'tcp-80'],
    ],
    [
      {
        ports: [
          { target: 80, name: 'web' },
          { target: 81, name: 'web' },
        ],
      },
      ['web', 'web-2'],
      ['web', 'web-2'],
    ],
    [
      { ports: [{ target: 80, name: 'a-very-long-port-name' }] },
      ['a-very-long-por'],
      ['a-very-long-por'],
    ],
    [{ expose: ['9000'] }, ['tcp-9000'], ['tcp-9000']],
  ])('names ports uniquely: %j', (ports, names, serviceNames) => {
    const { objects } = composeToManifests({
      document: one({ image: 'nginx', ...ports }),
      namespace: 'n',
    });
    const nameOf = (p: { name: string }) => p.name;
    expect(containerOf(objects).ports.map(nameOf)).toEqual(names);
    expect(byKind(objects, 'Service').spec.ports.map(nameOf)).toEqual(
      serviceNames,
    );
  });

  it.each([
    [
      { command: 'npm start', entrypoint: ['node'] },
      { command: ['node'], args: ['npm', 'start'] },
    ],
    [{ command: 'echo "$$HOME"' }, { args: ['sh', '-c', 'echo "$HOME"'] }],
    [{ command: ['run', '${MODE:-fast}'] }, { args: ['run', 'fast'] }],
  ])('reads commands: %j', (service, expected) => {
    expect(
      containerOf(
        composeToManifests({
          document: one({ image: 'x', ...service }),
          namespace: 'n',
        }).objects,
      ),
    ).toMatchObject(expected);
  });

  it('adds HTTP probes only when a health-check path is given', () => {
    const { objects } = composeToManifests({
      document: one({ image: 'x', ports: ['8080'] }),
      namespace: 'n',
      options: { healthCheckPath: '/healthz' },
    });
    expect(containerOf(objects).livenessProbe).toEqual({
      httpGet: { path: '/healthz', port: 'tcp-8080' },
      periodSeconds: 10,
    });
  });

  it('makes a claim of a named volume', () => {
    const { objects } = composeToManifests({
      document: one({
        image: 'postgres',
        volumes: ['data:/var/lib/postgresql/data'],
      }),
      namespace: 'n',
    });
    expect(byKind(objects, 'PersistentVolumeClaim').metadata.name).toBe(
      'web-data',
    );
    expect(byKind(objects, 'Deployment').spec.template.spec.volumes).toEqual([
      { name: 'vol-0', persistentVolumeClaim: { claimName: 'web-data' } },
    ]);
  });

  it.each([
    [
      one({ build: '.' }),
      {},
      'services.web.build: building an image is not supported',
    ],
    [one({}), {}, 'services.web.image: an image is required'],
    [
      one({ image: 'x', env_file: '.env' }),
      {},
      'services.web.env_file: env files are not read',
    ],
    [
      one({ image: 'x', volumes: ['./src:/app'] }),
      {},
      'services.web.volumes[0]: bind mounts',
    ],
    [
      one({
        image: 'x',
        volumes: [{ type: 'bind', source: '/etc', target: '/etc' }],
      }),
      {},
      'services.web.volumes[0]: bind mounts',
    ],
    [
      one({ image: 'x', network_mode: 'host' }),
      {},
      'services.web.network_mode: host networking',
    ],
    [
      one({ image: 'x', privileged: true }),
      {},
      'services.web.privileged: privileged containers',
    ],
    [
      one({ image: 'x:${TAG}' }),
      {},
      'services.web.image: the variable TAG has no value',
    ],
    [
      one({ image: 'x', ports: ['${P}:80'] }),
      {},
      'services.web.ports[0]: the variable P has no value',
    ],
    [
      one({ image: 'x', ports: ['3000-3005:3000-3005'] }),
      {},
      "services.web.ports[0]: '3000-3005' is not a port number (port ranges are not supported)",
    ],
    [
      one({ image: 'x', ports: ['70000'] }),
      {},
      'services.web.ports[0]: 70000 is not a port',
    ],
    [
      one({ image: 'x', deploy: { replicas: 'many' } }),
      {},
      'services.web.deploy.replicas',
    ],
    [
      one({ image: 'x', healthcheck: { test: ['CMD'], interval: 'often' } }),
      {},
      'services.web.healthcheck.interval',
    ],
    [
      { services: { a: { image: 'x' }, b: { image: 'y' } } },
      {},
      'service: the Compose file has several services (a, b); pick one',
    ],
    [
      { services: { a: { image: 'x' } } },
      { service: 'b' },
      "service: the Compose file has no service 'b' (it has a)",
    ],
    [{ version: '3' }, {}, 'services: '],
  ])('refuses %j naming the field', (document, extra, message) => {
    let error: unknown;
    try {
      composeToManifests({ document, namespace: 'n', ...extra });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ComposeError);
    expect((error as Error).message).toContain(message);
  });

  it('lists services and variables with their defaults', () => {
    expect(composeServiceNames({ services: { a: {}, b: {} } })).toEqual([
      'a',
      'b',
    ]);
    expect(composeVariables(composeShapes.variablesInPorts)).toEqual([
      { name: 'PORT', default: '3002', required: false },
      { name: 'DB_PASSWORD', default: undefined, required: true },
    ]);
  });
});
