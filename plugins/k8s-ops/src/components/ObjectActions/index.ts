export { ObjectActionButtons, ObjectActionDialog } from './ObjectActions';
export type { PendingAction } from './ObjectActions';
