import {
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import {
  eventually,
  TestCluster,
  testKubeConfig,
} from '@k8s-ops/local-kube/testing';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

/**
 * Applies the objects of a YAML file to a test cluster (server-side, as
 * its admin), with `NAMESPACE` replaced; answers them. CRDs are waited for
 * until their kind is served.
 */
export async function applyTestYaml(
  cluster: TestCluster,
  file: string,
  namespace = '',
): Promise<KubernetesObject[]> {
  const client = KubernetesObjectApi.makeApiClient(testKubeConfig(cluster));
  const objects = parseAllDocuments(
    readFileSync(file, 'utf8').replaceAll('NAMESPACE', namespace),
  )
    .map(doc => doc.toJS() as KubernetesObject | null)
    .filter((o): o is KubernetesObject => Boolean(o));
  for (const object of objects) {
    await client.patch(
      object,
      undefined,
      undefined,
      'k8s-ops-test',
      true,
      PatchStrategy.ServerSideApply,
    );
    if (object.kind === 'CustomResourceDefinition') {
      const spec = (
        object as {
          spec: {
            group: string;
            versions: Array<{ name: string }>;
            names: { kind: string };
          };
        }
      ).spec;
      await eventually(`${object.metadata!.name} to be served`, async () =>
        client
          .list(`${spec.group}/${spec.versions[0].name}`, spec.names.kind)
          .then(() => true)
          .catch(() => undefined),
      );
    }
  }
  return objects;
}
