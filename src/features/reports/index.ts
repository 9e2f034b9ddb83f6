export { periodSchema } from './period.js';
