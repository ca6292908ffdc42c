import { ClusterSummary } from '@k8s-ops/plugin-k8s-ops-common';

/** Two clusters from app-config and one registered. */
export const clusters: ClusterSummary[] = [
  {
    name: 'dev',
    title: 'Local dev',
    source: 'config',
    url: 'https://127.0.0.1:6443',
    group: 'dev',
    labels: { provider: 'local' },
    readOnly: false,
    impersonate: false,
    health: {
      status: 'reachable',
      version: 'v1.34.4',
      nodes: 3,
      latencyMs: 12,
      checkedAt: '2026-11-25T10:00:00.000Z',
    },
  },
  {
    name: 'prod',
    title: 'Local prod',
    source: 'config',
    url: 'https://127.0.0.1:7443',
    group: 'prod',
    labels: {},
    readOnly: true,
    impersonate: false,
  },
  {
    name: 'team-a',
    title: 'Team A',
    source: 'registered',
    url: 'https://team-a.example.com:6443',
    labels: { team: 'a' },
    readOnly: false,
    impersonate: false,
  },
];
