export { ResourceBrowser } from './ResourceBrowser';
export {
  defaultKind,
  findKindByResource,
  groupKinds,
  pluralTitle,
  resourceName,
} from './kindGroups';
export type { KindGroup } from './kindGroups';
