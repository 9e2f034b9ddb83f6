/** What other features use of sales. */
export { loadCheckView, loadCheckViews } from './load-check-views.js';
export type { CheckView } from './check-view.js';
