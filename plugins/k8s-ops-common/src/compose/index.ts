export { ComposeError } from './ComposeError';
export { interpolate } from './interpolate';
export type { ComposeVariable } from './interpolate';
export { toDnsLabel, toLabelValue } from './names';
export {
  composeServiceNames,
  composeToManifests,
  composeVariables,
} from './composeToManifests';
export type {
  ComposeDeployOptions,
  ComposeManifests,
} from './composeToManifests';
