export { pdfCallbackData, testAlertCallbackData } from './callback-data.js';
export { checkNumber, countedView, type CheckView } from './check-view.js';
export { itemBlock, receiptUrl, saleKeyboard } from './messages/sale-alert.js';
