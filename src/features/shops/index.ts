export type { Business } from './businesses.js';
export { notifyOwners } from './owner-notices.js';
