export { PortForwardsPage } from './PortForwardsPage';
