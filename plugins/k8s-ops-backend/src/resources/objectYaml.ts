import {
  KubeObject,
  withoutServerFields,
} from '@k8s-ops/plugin-k8s-ops-common';
import { stringify } from 'yaml';

/** An object as YAML for a diff, without what the server alone maintains. */
export function objectYaml(object: KubeObject): string {
  return stringify(withoutServerFields(object), { sortMapEntries: false });
}
