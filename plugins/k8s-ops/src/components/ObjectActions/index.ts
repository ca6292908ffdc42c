export { ObjectActionsControl, ObjectActionDialog } from './ObjectActions';
export type { PendingAction } from './ObjectActions';
