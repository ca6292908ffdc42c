export { ResourceBrowser } from './ResourceBrowser';
