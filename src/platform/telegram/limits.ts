/**
 * Telegram's limits on what one message may carry, counted as Telegram counts: the visible text
 * after entity parsing, in UTF-16 code units.
 */
export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;

/**
 * At most `max` UTF-16 units (how Telegram counts), marked with "…" when cut, never splitting a
 * surrogate pair. The one cut: renderers clip their fields with it, the send core its fallback.
 */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
