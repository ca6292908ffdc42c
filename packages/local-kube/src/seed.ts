import {
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packagePath } from './packagePath';
import { parseAllDocuments } from 'yaml';
import { httpsRequest } from './https';
import { LocalCluster } from './LocalCluster';

const SEED_DIR = packagePath('seed');
const FIELD_MANAGER = 'k8s-ops-seed';

/**
 * Applies the demo and test data of `seed/` with server-side apply: CRDs
 * first (waiting until they are established), then everything else in file
 * order. Idempotent.
 */
export async function seedCluster(cluster: LocalCluster): Promise<void> {
  const client = KubernetesObjectApi.makeApiClient(cluster.kubeConfig());
  const files = (await readdir(SEED_DIR))
    .filter(f => f.endsWith('.yaml'))
    .sort();
  for (const file of files) {
    const objects = parseAllDocuments(
      await readFile(join(SEED_DIR, file), 'utf8'),
    )
      .map(doc => doc.toJS() as KubernetesObject | null)
      .filter((o): o is KubernetesObject => Boolean(o));
    for (const object of objects) {
      await client.patch(
        object,
        undefined,
        undefined,
        FIELD_MANAGER,
        true,
        PatchStrategy.ServerSideApply,
      );
    }
    const crds = objects.filter(o => o.kind === 'CustomResourceDefinition');
    for (const crd of crds) {
      await waitEstablished(cluster, crd.metadata!.name!);
    }
  }
  // No cloud controller hands out load balancer addresses here; give the
  // LoadBalancer service one from the documentation range.
  await httpsRequest(
    `${cluster.server}/api/v1/namespaces/team-data/services/session-cache/status`,
    {
      ca: cluster.caPem,
      token: cluster.adminToken,
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
      body: { status: { loadBalancer: { ingress: [{ ip: '192.0.2.10' }] } } },
    },
  );
}

async function waitEstablished(cluster: LocalCluster, name: string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { status, body } = await httpsRequest(
      `${cluster.server}/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`,
      { ca: cluster.caPem, token: cluster.adminToken },
    );
    if (
      status === 200 &&
      JSON.parse(body).status?.conditions?.some(
        (c: { type: string; status: string }) =>
          c.type === 'Established' && c.status === 'True',
      )
    ) {
      // Discovery of the new group can lag the condition by a moment.
      await new Promise(r => setTimeout(r, 500));
      return;
    }
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error(`CRD ${name} was not established within 30 s`);
}
