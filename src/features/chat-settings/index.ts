export { followsDesk } from './chat-settings.js';
export { wantsSaleAlert } from './chat-settings.js';
