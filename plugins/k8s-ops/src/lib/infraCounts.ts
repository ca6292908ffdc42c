import { InfraScan } from '@k8s-ops/plugin-k8s-ops-common';

/**
 * The infrastructure services found on each cluster by its stored scans;
 * an instance seen by a namespace scan and a scan of every namespace counts
 * once.
 */
export function countInfraServices(scans: InfraScan[]): Map<string, number> {
  const seen = new Map<string, Set<string>>();
  for (const scan of scans) {
    let instances = seen.get(scan.cluster);
    if (!instances) {
      instances = new Set();
      seen.set(scan.cluster, instances);
    }
    for (const service of scan.services) {
      for (const instance of service.instances) {
        instances.add(`${service.type}/${instance.namespace}/${instance.name}`);
      }
    }
  }
  return new Map([...seen].map(([cluster, set]) => [cluster, set.size]));
}
