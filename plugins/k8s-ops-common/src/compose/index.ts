export { ComposeError } from './ComposeError';
export { interpolate } from './interpolate';
export type { ComposeVariable } from './interpolate';
export { toDnsLabel, toLabelValue } from './names';
export { composeServiceNames, composeVariables } from './composeFile';
export { composeToManifests } from './composeToManifests';
export type {
  ComposeDeployOptions,
  ComposeManifests,
} from './composeToManifests';
