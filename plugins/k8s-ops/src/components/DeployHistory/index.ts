export { DeployHistory } from './DeployHistory';
