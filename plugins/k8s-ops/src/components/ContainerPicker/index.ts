export { ContainerPicker } from './ContainerPicker';
