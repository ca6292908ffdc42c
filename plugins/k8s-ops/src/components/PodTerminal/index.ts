export { PodTerminal } from './PodTerminal';
