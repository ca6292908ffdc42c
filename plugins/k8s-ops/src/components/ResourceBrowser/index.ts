export { ResourceBrowser } from './ResourceBrowser';
export {
  defaultKind,
  findKindByResource,
  groupKinds,
  pluralTitle,
} from './kindGroups';
export type { KindGroup } from './kindGroups';
