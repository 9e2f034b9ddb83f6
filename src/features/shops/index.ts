export { listCashDesks, type CashDesk } from './cash-desks.js';
