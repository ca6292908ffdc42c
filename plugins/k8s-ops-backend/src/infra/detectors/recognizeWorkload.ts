import { KubeObject } from '@k8s-ops/plugin-k8s-ops-common';
import { imageMatches, parseImage } from './imageRef';
import { ContainerSpec, PodTemplate } from './podTemplate';
import { ServiceTypeRule } from './serviceTypes';

/** What a workload was recognised as, and why. */
export interface Recognition {
  rule: ServiceTypeRule;
  /** The container that runs the service. */
  container?: ContainerSpec;
  matchedBy: string[];
}

const CHART_VERSION = /-v?\d[\w.+-]*$/;

/**
 * Recognises the service a workload runs. The image decides when it is
 * known. Otherwise a label, a chart or a part of the name counts only with
 * one of the type's ports, so that an app merely named after a service (a
 * `redis-ui` running nginx) is not taken for it.
 */
export function recognizeWorkload(
  workload: KubeObject,
  template: PodTemplate,
  /** The ports of the Services in front of it; asked only when needed. */
  servicePorts: () => number[],
  rules: ServiceTypeRule[],
): Recognition | undefined {
  const images = template.containers.map(c => ({
    container: c,
    ref: c.image ? parseImage(c.image) : undefined,
  }));
  const labels = { ...workload.metadata.labels, ...template.labels };
  const nameLabel = labels['app.kubernetes.io/name']?.toLowerCase();
  const chart = labels['helm.sh/chart']
    ?.toLowerCase()
    .replace(CHART_VERSION, '');
  const tokens = (workload.metadata.name ?? '').toLowerCase().split(/[-_.]/);
  let ports: Set<number> | undefined;
  const hasPort = (rule: ServiceTypeRule) => {
    ports ??= new Set([
      ...servicePorts(),
      ...template.containers.flatMap(
        c => c.ports?.map(p => p.containerPort) ?? [],
      ),
    ]);
    const known = ports;
    return rule.ports.some(p => known.has(p));
  };

  function signalsOf(rule: ServiceTypeRule): string[] {
    const signals: string[] = [];
    if (nameLabel && rule.names.includes(nameLabel)) signals.push('label');
    if (chart && rule.charts.includes(chart)) signals.push('chart');
    if (tokens.some(t => rule.names.includes(t))) signals.push('name');
    // The ports only matter beside another sign.
    if (signals.length > 0 && hasPort(rule)) signals.push('port');
    return signals;
  }

  for (const { container, ref } of images) {
    if (!ref) continue;
    const rule = rules.find(r => r.images.some(i => imageMatches(ref, i)));
    if (rule) {
      return { rule, container, matchedBy: ['image', ...signalsOf(rule)] };
    }
  }

  for (const rule of rules) {
    const signals = signalsOf(rule);
    if (signals.includes('port') && signals.length > 1) {
      const container =
        template.containers.find(c =>
          c.ports?.some(p => rule.ports.includes(p.containerPort)),
        ) ?? template.containers[0];
      return { rule, container, matchedBy: signals };
    }
  }
  return undefined;
}
