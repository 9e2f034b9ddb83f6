/**
 * Telegram's `parse_mode: "HTML"` parser, modelled on tdlib's `parse_html` (td/telegram/MessageEntity.cpp):
 * same tag set, attribute grammar and error messages. Differences (all stricter, on purpose):
 * - a bare `&`, an unknown named entity (`&nbsp;`) or an entity without `;` is rejected unless
 *   `lenientAmpersand` is set (Telegram keeps them literally);
 * - `<a>` must have an `href` attribute.
 * Error messages are returned without the "Bad Request: can't parse entities: " prefix.
 */
import type { MessageEntity } from 'grammy/types';

export class EntityParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EntityParseError';
  }
}

export interface ParsedText {
  text: string;
  entities: MessageEntity[];
}

const SUPPORTED_TAGS = new Set([
  'a', 'b', 'strong', 'i', 'em', 's', 'strike', 'del', 'u', 'ins',
  'tg-spoiler', 'tg-emoji', 'span', 'pre', 'code', 'blockquote',
]);

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/** tdlib's is_space(); `undefined` (end of input) behaves like the terminating NUL. */
export function isSpace(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\0' || c === '\v';
}

/** UTF-8 byte offset of the UTF-16 index `index` (Telegram reports byte offsets). */
export function byteOffset(input: string, index: number): number {
  return Buffer.byteLength(input.slice(0, index), 'utf8');
}

interface DecodedEntity {
  value: string;
  end: number;
}

/** Decodes the character reference starting at `pos` (which holds '&'), or returns undefined. */
function decodeEntity(input: string, pos: number, lenient: boolean): DecodedEntity | undefined {
  let end = pos + 1;
  let code: number;
  if (input[end] === '#') {
    end++;
    const hex = input[end] === 'x';
    if (hex) end++;
    const digitsBegin = end;
    const digit = hex ? /[0-9a-fA-F]/ : /[0-9]/;
    while (end < input.length && digit.test(input[end] ?? '') && end - digitsBegin < 8) end++;
    if (end === digitsBegin) return undefined;
    code = Number.parseInt(input.slice(digitsBegin, end), hex ? 16 : 10);
    if (code === 0 || code >= 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  } else {
    while (end < input.length && /[A-Za-z]/.test(input[end] ?? '')) end++;
    const value = NAMED_ENTITIES[input.slice(pos + 1, end)];
    if (value === undefined) return undefined;
    code = value.codePointAt(0) ?? 0;
  }
  if (input[end] === ';') end++;
  else if (!lenient) return undefined;
  return { value: String.fromCodePoint(code), end };
}

function badAmpersand(input: string, pos: number): string {
  const m = /^&#?[A-Za-z0-9]+;/.exec(input.slice(pos, pos + 40));
  if (m) return `Unsupported HTML entity "${m[0]}" at byte offset ${byteOffset(input, pos)}`;
  return `Character "&" at byte offset ${byteOffset(input, pos)} must be escaped as "&amp;"`;
}

interface OpenTag {
  tagName: string;
  argument: string;
  offset: number;
  expandable: boolean;
}

/** Accepts what tdlib's get_checked_link would keep; returns the normalised URL or undefined. */
export function checkedLink(url: string): string | undefined {
  const trimmed = url.trim();
  if (trimmed === '') return undefined;
  const hasScheme = /^[a-z][a-z0-9+.-]*:/i.test(trimmed);
  const candidate = hasScheme ? trimmed : `http://${trimmed}`;
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    return undefined;
  }
  const scheme = parsed.protocol.slice(0, -1).toLowerCase();
  if (scheme === 'http' || scheme === 'https' || scheme === 'ftp') {
    return parsed.hostname.includes('.') || parsed.hostname === 'localhost' ? candidate : undefined;
  }
  return scheme === 'tg' || scheme === 'ton' || scheme === 'mailto' ? candidate : undefined;
}

export function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
}

export function parseHtml(input: string, options: { lenientAmpersand?: boolean } = {}): ParsedText {
  const lenient = options.lenientAmpersand === true;
  const n = input.length;
  const at = (i: number): number => byteOffset(input, i);
  const fail = (message: string): never => {
    throw new EntityParseError(message);
  };

  let text = '';
  const entities: MessageEntity[] = [];
  const stack: OpenTag[] = [];

  let i = 0;
  while (i < n) {
    const c = input[i];
    if (c === '&') {
      const decoded = decodeEntity(input, i, lenient);
      if (decoded) {
        text += decoded.value;
        i = decoded.end;
        continue;
      }
      if (!lenient) fail(badAmpersand(input, i));
    }
    if (c !== '<') {
      text += c;
      i++;
      continue;
    }

    const beginPos = i;
    i++;
    if (input[i] !== '/') {
      // start tag
      while (!isSpace(input[i]) && input[i] !== '>') i++;
      if (i >= n) fail(`Unclosed start tag at byte offset ${at(beginPos)}`);
      const tagName = input.slice(beginPos + 1, i).toLowerCase();
      if (!SUPPORTED_TAGS.has(tagName)) {
        fail(`Unsupported start tag "${tagName}" at byte offset ${at(beginPos)}`);
      }

      let argument = '';
      let hasHref = false;
      let expandable = false;
      while (input[i] !== '>') {
        while (i < n && isSpace(input[i])) i++;
        if (input[i] === '>') break;
        const attributeBegin = i;
        while (!isSpace(input[i]) && input[i] !== '=' && input[i] !== '>') i++;
        const attributeName = input.slice(attributeBegin, i);
        if (attributeName === '') {
          fail(`Empty attribute name in the tag "${tagName}" at byte offset ${at(beginPos)}`);
        }
        while (i < n && isSpace(input[i])) i++;
        if (input[i] !== '=') {
          if (tagName === 'blockquote' && attributeName === 'expandable') {
            expandable = true;
            continue;
          }
          fail(`Expected equal sign in declaration of an attribute of the tag "${tagName}" at byte offset ${at(beginPos)}`);
        }
        i++;
        while (i < n && isSpace(input[i])) i++;
        if (i >= n) fail(`Unclosed start tag "${tagName}" at byte offset ${at(beginPos)}`);

        let value = '';
        const quote = input[i];
        if (quote !== '"' && quote !== "'") {
          // a name token: letters, digits, periods and hyphens; case-insensitive
          const tokenBegin = i;
          while (i < n && /[A-Za-z0-9.-]/.test(input[i] ?? '')) i++;
          value = input.slice(tokenBegin, i).toLowerCase();
          if (!isSpace(input[i]) && input[i] !== '>') {
            fail(`Unexpected end of name token at byte offset ${at(tokenBegin)}`);
          }
        } else {
          i++;
          while (i < n && input[i] !== quote) {
            if (input[i] === '&') {
              const decoded = decodeEntity(input, i, lenient);
              if (decoded) {
                value += decoded.value;
                i = decoded.end;
                continue;
              }
              if (!lenient) fail(badAmpersand(input, i));
            }
            value += input[i];
            i++;
          }
          if (input[i] === quote) i++;
        }
        if (i >= n) fail(`Unclosed start tag at byte offset ${at(beginPos)}`);

        if (tagName === 'a' && attributeName === 'href') {
          argument = value;
          hasHref = true;
        } else if (tagName === 'code' && attributeName === 'class' && value.startsWith('language-')) {
          argument = value.slice('language-'.length);
        } else if (tagName === 'span' && attributeName === 'class' && value.startsWith('tg-')) {
          argument = value.slice('tg-'.length);
        } else if (tagName === 'tg-emoji' && attributeName === 'emoji-id') {
          argument = value;
        } else if (tagName === 'blockquote' && attributeName === 'expandable') {
          expandable = true;
        }
      }
      i++; // '>'

      if (tagName === 'span' && argument !== 'spoiler') {
        fail(`Tag "span" must have class "tg-spoiler" at byte offset ${at(beginPos)}`);
      }
      if (tagName === 'a' && !hasHref) {
        fail(`Tag "a" must have attribute "href" at byte offset ${at(beginPos)}`);
      }
      stack.push({ tagName, argument, offset: text.length, expandable });
      continue;
    }

    // end tag
    if (stack.length === 0) fail(`Unexpected end tag at byte offset ${at(beginPos)}`);
    i++; // '/'
    const nameBegin = i;
    while (!isSpace(input[i]) && input[i] !== '>') i++;
    const endTagName = input.slice(nameBegin, i).toLowerCase();
    while (i < n && isSpace(input[i])) i++;
    if (input[i] !== '>') fail(`Unclosed end tag at byte offset ${at(beginPos)}`);
    i++;

    const open = stack.pop() as OpenTag;
    if (endTagName !== '' && endTagName !== open.tagName) {
      fail(
        `Unmatched end tag at byte offset ${at(beginPos)}, expected "</${open.tagName}>", found "</${endTagName}>"`,
      );
    }
    const length = text.length - open.offset;
    if (length > 0) closeTag(open, length, text, entities);
  }

  const unclosed = stack[stack.length - 1];
  if (unclosed) fail(`Can't find end tag corresponding to start tag "${unclosed.tagName}"`);

  return { text, entities: sortEntities(finalizeEntities(entities)) };
}

function closeTag(open: OpenTag, length: number, text: string, entities: MessageEntity[]): void {
  const offset = open.offset;
  const push = (entity: Record<string, unknown>): void => {
    entities.push({ offset, length, ...entity } as unknown as MessageEntity);
  };
  const last: (MessageEntity & { language?: string }) | undefined = entities[entities.length - 1];
  const sameSpanAsLast = last !== undefined && last.offset === offset && last.length === length;

  switch (open.tagName) {
    case 'b':
    case 'strong':
      return push({ type: 'bold' });
    case 'i':
    case 'em':
      return push({ type: 'italic' });
    case 'u':
    case 'ins':
      return push({ type: 'underline' });
    case 's':
    case 'strike':
    case 'del':
      return push({ type: 'strikethrough' });
    case 'tg-spoiler':
    case 'span':
      return push({ type: 'spoiler' });
    case 'blockquote':
      return push({ type: open.expandable ? 'expandable_blockquote' : 'blockquote' });
    case 'tg-emoji': {
      if (!/^-?\d{1,19}$/.test(open.argument) || BigInt(open.argument) === 0n) {
        throw new EntityParseError('Invalid custom emoji identifier specified');
      }
      return push({ type: 'custom_emoji', custom_emoji_id: open.argument });
    }
    case 'a': {
      const url = checkedLink(open.argument !== '' ? open.argument : text.slice(offset));
      if (url !== undefined) push({ type: 'text_link', url });
      return;
    }
    case 'pre': {
      // <pre><code class="language-x">…</code></pre>
      if (sameSpanAsLast && last.type === 'code' && last.language) {
        entities[entities.length - 1] = { type: 'pre', offset, length, language: last.language };
        return;
      }
      if (sameSpanAsLast && last.type === 'code') {
        entities[entities.length - 1] = { type: 'pre', offset, length };
        return;
      }
      return push({ type: 'pre' });
    }
    case 'code': {
      if (sameSpanAsLast && last.type === 'pre' && open.argument !== '') {
        entities[entities.length - 1] = { type: 'pre', offset, length, language: open.argument };
        return;
      }
      return push(open.argument !== '' ? { type: 'code', language: open.argument } : { type: 'code' });
    }
    default:
      throw new EntityParseError(`Unsupported start tag "${open.tagName}"`);
  }
}

/** Removes helper fields (the language remembered on inline code) before entities are exposed. */
export function finalizeEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities.map((e) => {
    if (e.type === 'code' && 'language' in e) {
      const { language: _language, ...rest } = e as MessageEntity & { language?: string };
      return rest;
    }
    return e;
  });
}
