export { PortForwardAction } from './PortForwardAction';
