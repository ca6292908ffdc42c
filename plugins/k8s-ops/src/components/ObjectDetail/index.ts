export { ObjectDetail } from './ObjectDetail';
