/**
 * Telegram's secrets that may hide inside free text (error messages, URLs): the bot token in
 * Bot API URLs, the secret path Telegram posts our updates to (`/telegram/<secret>`), and the
 * code in a start link (`t.me/<bot>?start=<code>`). The transport scrubs its own errors with
 * it; the logs (platform/observability/logger.ts) scrub every line with it and more.
 */
export function scrubTelegramSecrets(text: string): string {
  return text
    .replace(/bot\d{3,}:[A-Za-z0-9_-]{20,}/g, 'bot<redacted>')
    .replace(/\d{6,}:[A-Za-z0-9_-]{30,}/g, '<redacted>')
    .replace(/(\/telegram\/)[^/?\s"]+/g, '$1<redacted>')
    .replace(/([?&]start(?:group)?=)[^&\s"]+/g, '$1<redacted>');
}
