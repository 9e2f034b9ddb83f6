export { businessDateSchema, periodSchema } from './period.js';
export { carryChatSummaryClaims } from './chat-summary.js';
