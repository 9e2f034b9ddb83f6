export { displayDate } from './messages/today.js';
export { periodSchema } from './period.js';
export { carryChatSummaryClaims } from './chat-summary.js';
