export type { Business } from './businesses.js';
export { listCashDesks, type CashDesk } from './cash-desks.js';
export { notifyOwners } from './owner-notices.js';
