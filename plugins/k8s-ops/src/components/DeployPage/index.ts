export { DeployPage } from './DeployPage';
