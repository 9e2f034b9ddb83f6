/**
 * Telegram's `MarkdownV2` and legacy `Markdown` parsers, modelled on tdlib's parse_markdown_v2 /
 * parse_markdown. Error messages are returned without the "Bad Request: can't parse entities: " prefix.
 */
import type { MessageEntity } from 'grammy/types';
import { byteOffset, checkedLink, EntityParseError, isSpace, sortEntities, type ParsedText } from './html-entities.js';

const RESERVED_V2 = '_*[]()~`>#+-=|{}.!';

type MdType =
  | 'bold'
  | 'italic'
  | 'underline'
  | 'strikethrough'
  | 'spoiler'
  | 'text_link'
  | 'code'
  | 'pre'
  | 'custom_emoji';

const TYPE_NAMES: Record<MdType, string> = {
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strikethrough: 'Strikethrough',
  spoiler: 'Spoiler',
  text_link: 'TextUrl',
  code: 'Code',
  pre: 'Pre',
  custom_emoji: 'CustomEmoji',
};

interface OpenEntity {
  type: MdType;
  argument: string;
  offset: number;
  beginIndex: number;
}

interface OpenQuote {
  offset: number;
  expandable: boolean;
}

function reservedError(c: string): EntityParseError {
  return new EntityParseError(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
}

const isEscapable = (c: string | undefined): boolean =>
  c !== undefined && c.charCodeAt(0) > 0 && c.charCodeAt(0) <= 126;

/** Reads `(url)` right after the closing `]` at index i; returns the url and the index of ')'. */
function readParenthesizedUrl(input: string, i: number, errorPrefix: string): { url: string; end: number } {
  let j = i + 2;
  const urlBegin = j;
  let url = '';
  while (j < input.length && input[j] !== ')') {
    if (input[j] === '\\' && isEscapable(input[j + 1])) {
      url += input[j + 1];
      j += 2;
      continue;
    }
    url += input[j];
    j++;
  }
  if (input[j] !== ')') {
    throw new EntityParseError(`${errorPrefix} at byte offset ${byteOffset(input, urlBegin)}`);
  }
  return { url, end: j };
}

/** Skips "```language\n" after the opening backticks; returns the new index (pointing at the last skipped char). */
function readPreHeader(input: string, i: number): { language: string; index: number } {
  let j = i;
  let language = '';
  let languageEnd = j;
  while (languageEnd < input.length && !isSpace(input[languageEnd]) && input[languageEnd] !== '`') languageEnd++;
  if (j !== languageEnd && languageEnd < input.length && input[languageEnd] !== '`') {
    language = input.slice(j, languageEnd);
    j = languageEnd;
  }
  if (input[j] === '\n' || input[j] === '\r') {
    const next = input[j + 1];
    if ((next === '\n' || next === '\r') && input[j] !== next) j += 2;
    else j++;
  }
  return { language, index: j - 1 };
}

export function parseMarkdownV2(input: string): ParsedText {
  const n = input.length;
  let text = '';
  const entities: MessageEntity[] = [];
  const stack: OpenEntity[] = [];
  let quote: OpenQuote | undefined;

  const closeQuote = (end: number): void => {
    if (quote && end > quote.offset) {
      entities.push({
        type: quote.expandable ? 'expandable_blockquote' : 'blockquote',
        offset: quote.offset,
        length: end - quote.offset,
      } as MessageEntity);
    }
    quote = undefined;
  };

  for (let i = 0; i < n; i++) {
    const c = input[i] as string;
    const top = stack[stack.length - 1];
    const inCode = top !== undefined && (top.type === 'code' || top.type === 'pre');

    if (!inCode && (i === 0 || input[i - 1] === '\n')) {
      if (c === '>') {
        quote ??= { offset: text.length, expandable: false };
        continue;
      }
      if (c === '*' && input[i + 1] === '*' && input[i + 2] === '>') {
        quote ??= { offset: text.length, expandable: true };
        i += 2;
        continue;
      }
      if (quote) closeQuote(text.endsWith('\n') ? text.length - 1 : text.length);
    }
    if (
      quote?.expandable &&
      !inCode &&
      c === '|' &&
      input[i + 1] === '|' &&
      (i + 2 === n || input[i + 2] === '\n') &&
      top?.type !== 'spoiler'
    ) {
      closeQuote(text.length);
      i++;
      continue;
    }

    if (c === '\\' && isEscapable(input[i + 1])) {
      text += input[i + 1];
      i++;
      continue;
    }
    const reserved = inCode ? '`' : RESERVED_V2;
    if (!reserved.includes(c)) {
      text += c;
      continue;
    }

    let isEnd = false;
    if (top) {
      switch (top.type) {
        case 'bold':
          isEnd = c === '*';
          break;
        case 'italic':
          isEnd = c === '_' && input[i + 1] !== '_';
          break;
        case 'code':
          isEnd = c === '`';
          break;
        case 'pre':
          isEnd = c === '`' && input[i + 1] === '`' && input[i + 2] === '`';
          break;
        case 'text_link':
        case 'custom_emoji':
          isEnd = c === ']';
          break;
        case 'underline':
          isEnd = c === '_' && input[i + 1] === '_';
          break;
        case 'strikethrough':
          isEnd = c === '~';
          break;
        case 'spoiler':
          isEnd = c === '|' && input[i + 1] === '|';
          break;
      }
    }

    if (!isEnd) {
      const beginIndex = i;
      let type: MdType;
      let argument = '';
      switch (c) {
        case '_':
          if (input[i + 1] === '_') {
            type = 'underline';
            i++;
          } else {
            type = 'italic';
          }
          break;
        case '*':
          type = 'bold';
          break;
        case '~':
          type = 'strikethrough';
          break;
        case '|':
          if (input[i + 1] !== '|') throw reservedError(c);
          type = 'spoiler';
          i++;
          break;
        case '[':
          type = 'text_link';
          break;
        case '`':
          if (input[i + 1] === '`' && input[i + 2] === '`') {
            type = 'pre';
            const header = readPreHeader(input, i + 3);
            argument = header.language;
            i = header.index;
          } else {
            type = 'code';
          }
          break;
        case '!':
          if (input[i + 1] !== '[') throw reservedError(c);
          type = 'custom_emoji';
          i++;
          break;
        default:
          throw reservedError(c);
      }
      stack.push({ type, argument, offset: text.length, beginIndex });
      continue;
    }

    const open = stack.pop() as OpenEntity;
    const offset = open.offset;
    const length = text.length - offset;
    let entity: Record<string, unknown> | undefined;
    switch (open.type) {
      case 'bold':
      case 'italic':
      case 'code':
      case 'strikethrough':
        entity = { type: open.type };
        break;
      case 'underline':
      case 'spoiler':
        entity = { type: open.type };
        i++;
        break;
      case 'pre':
        entity = open.argument !== '' ? { type: 'pre', language: open.argument } : { type: 'pre' };
        i += 2;
        break;
      case 'text_link': {
        let url: string;
        if (input[i + 1] !== '(') {
          url = text.slice(offset);
        } else {
          const read = readParenthesizedUrl(input, i, "Can't find end of a URL");
          url = read.url;
          i = read.end;
        }
        const checked = checkedLink(url);
        entity = checked !== undefined ? { type: 'text_link', url: checked } : undefined;
        break;
      }
      case 'custom_emoji': {
        if (input[i + 1] !== '(') throw new EntityParseError('Custom emoji entity must contain a tg://emoji URL');
        const read = readParenthesizedUrl(input, i, "Can't find end of a custom emoji URL");
        i = read.end;
        const m = /^tg:\/\/emoji\?id=(\d{1,19})$/.exec(read.url);
        if (!m || BigInt(m[1] as string) === 0n) throw new EntityParseError('Invalid custom emoji identifier specified');
        entity = { type: 'custom_emoji', custom_emoji_id: m[1] };
        break;
      }
    }
    if (entity && length > 0) entities.push({ offset, length, ...entity } as unknown as MessageEntity);
  }

  const unclosed = stack[stack.length - 1];
  if (unclosed) {
    const name = unclosed.type === 'pre' && unclosed.argument !== '' ? 'PreCode' : TYPE_NAMES[unclosed.type];
    throw new EntityParseError(
      `Can't find end of ${name} entity at byte offset ${byteOffset(input, unclosed.beginIndex)}`,
    );
  }
  if (quote) closeQuote(text.length);
  return { text, entities: sortEntities(entities) };
}

/** Legacy `Markdown`: *bold*, _italic_, `code`, ```pre```, [text](url); \ escapes only _ * ` [. */
export function parseMarkdownLegacy(input: string): ParsedText {
  const n = input.length;
  let text = '';
  const entities: MessageEntity[] = [];
  for (let i = 0; i < n; i++) {
    const c = input[i] as string;
    if (c === '\\' && '_*`['.includes(input[i + 1] ?? ' ')) {
      text += input[i + 1];
      i++;
      continue;
    }
    if (!'_*`['.includes(c)) {
      text += c;
      continue;
    }
    const beginIndex = i;
    const endChar = c === '[' ? ']' : c;
    i++;
    let isPre = false;
    let language = '';
    if (c === '`' && input[i] === '`' && input[i + 1] === '`') {
      isPre = true;
      const header = readPreHeader(input, i + 2);
      language = header.language;
      i = header.index + 1;
    }
    const offset = text.length;
    while (i < n && (input[i] !== endChar || (isPre && !(input[i + 1] === '`' && input[i + 2] === '`')))) {
      text += input[i];
      i++;
    }
    if (i >= n) {
      throw new EntityParseError(
        `Can't find end of the entity starting at byte offset ${byteOffset(input, beginIndex)}`,
      );
    }
    const length = text.length - offset;
    let entity: Record<string, unknown> | undefined;
    switch (c) {
      case '_':
        entity = { type: 'italic' };
        break;
      case '*':
        entity = { type: 'bold' };
        break;
      case '`':
        entity = isPre ? (language !== '' ? { type: 'pre', language } : { type: 'pre' }) : { type: 'code' };
        if (isPre) i += 2;
        break;
      case '[': {
        let url = text.slice(offset);
        if (input[i + 1] === '(') {
          i += 2;
          url = '';
          while (i < n && input[i] !== ')') {
            url += input[i];
            i++;
          }
        }
        const checked = checkedLink(url);
        entity = checked !== undefined ? { type: 'text_link', url: checked } : undefined;
        break;
      }
    }
    if (entity && length > 0) entities.push({ offset, length, ...entity } as unknown as MessageEntity);
  }
  return { text, entities: sortEntities(entities) };
}
