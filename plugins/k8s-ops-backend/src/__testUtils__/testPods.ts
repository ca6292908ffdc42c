import { eventually } from '@k8s-ops/local-kube/testing';
import { Server } from 'node:http';
import request from 'supertest';

const api = '/api/k8s-ops';

/** A Deployment of one container, `main`, whose pods kwok runs. */
export function testDeployment(
  namespace: string,
  name: string,
  replicas: number,
) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'main', image: `${name}:1` }] },
      },
    },
  };
}

/** Creates the Deployment through the backend and answers its running pods. */
export async function createTestDeployment(
  server: Server,
  namespace: string,
  name: string,
  replicas: number,
): Promise<string[]> {
  const created = await request(server)
    .post(`${api}/clusters/test-dev/resources`)
    .send({ object: testDeployment(namespace, name, replicas) });
  if (created.status !== 201) {
    throw new Error(`Could not create the test Deployment: ${created.text}`);
  }
  return runningPods(server, namespace, name, replicas);
}

/** Waits until the Deployment has `count` running pods; answers their names. */
export function runningPods(
  server: Server,
  namespace: string,
  name: string,
  count: number,
): Promise<string[]> {
  return eventually(`${count} running pods of ${name}`, async () => {
    const res = await request(server).get(
      `${api}/clusters/test-dev/resources/pods?namespace=${namespace}&labelSelector=app%3D${name}`,
    );
    const running = (res.body.items ?? []).filter(
      (p: { status?: { phase?: string } }) => p.status?.phase === 'Running',
    );
    return running.length === count
      ? running.map((p: { metadata: { name: string } }) => p.metadata.name)
      : undefined;
  });
}
