export { classifyCheck } from './kinds.js';
