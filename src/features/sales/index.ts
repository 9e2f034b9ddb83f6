/** What other features use of sales. */
export { pdfCallbackData, testAlertCallbackData } from './callback-data.js';
export { checkNumber, countedView, type CheckView } from './check-view.js';
export { loadCheckView, loadCheckViews } from './load-check-views.js';
export { itemBlock, receiptUrl, saleKeyboard } from './messages/sale-alert.js';
