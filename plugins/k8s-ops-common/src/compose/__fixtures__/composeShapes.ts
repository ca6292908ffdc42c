/**
 * Three Compose shapes a deploy must handle, as parsed documents: variables
 * in the image, variables in the ports, and a service without a health
 * check. The backend's cluster tests deploy the same three.
 */
export const composeShapes = {
  variablesInImage: {
    name: 'openmemory-compose',
    services: {
      'mem0-ui': {
        image: 'ghcr.io/mem0ai/openmemory-ui:${UI_TAG:-latest}',
        environment: ['NEXT_PUBLIC_API_URL=${API_URL:-http://localhost:8765}'],
        ports: ['3000:3000'],
        healthcheck: {
          test: ['CMD', 'wget', '-qO-', 'http://localhost:3000/'],
          interval: '30s',
          timeout: '5s',
          retries: 3,
        },
      },
    },
  },
  variablesInPorts: {
    services: {
      api: {
        image: 'registry.example.com/shop/api:1.4.2',
        ports: ['${PORT:-3002}:3000', { target: 9090, name: 'metrics' }],
        environment: {
          LOG_LEVEL: 'info',
          DATABASE_PASSWORD: '${DB_PASSWORD}',
        },
        deploy: {
          replicas: 2,
          resources: {
            limits: { cpus: '0.5', memory: '512M' },
            reservations: { cpus: '0.25', memory: '128m' },
          },
        },
      },
    },
  },
  noHealthCheck: {
    services: {
      worker: {
        image: 'busybox:1.36',
        command: ['sh', '-c', 'while true; do sleep 30; done'],
        labels: {
          'com.example.team': 'shop',
          description: 'a background worker',
        },
      },
    },
  },
};
