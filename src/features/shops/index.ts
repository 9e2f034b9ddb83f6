/** What other features use of shops. */
export type { Business } from './businesses.js';
export { findBusinessById } from './businesses.js';
export { listCashDesks, type CashDesk } from './cash-desks.js';
export { notifyOwners } from './owner-notices.js';
export { shopName } from './shop-name.js';
