/** What other features use of shops. */
export { findBusinessById } from './businesses.js';
export { shopName } from './shop-name.js';
