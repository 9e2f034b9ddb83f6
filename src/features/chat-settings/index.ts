export { followsDesk } from './chat-settings.js';
