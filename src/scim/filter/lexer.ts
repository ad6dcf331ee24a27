import { AppError } from '../../errors/app-error.ts';
import type { CompareOp, FilterValue } from './ast.ts';

/**
 * A token of an RFC 7644 §3.4.2.2 filter: keywords and the literals true/false/null are recognised
 * case-insensitively. `pos` is the 0-based offset of its first character.
 */
export type Token = { readonly text: string; readonly pos: number } & (
  | { readonly kind: 'path' }
  | { readonly kind: 'op'; readonly op: CompareOp | 'pr' }
  | { readonly kind: 'logic'; readonly op: 'and' | 'or' | 'not' }
  | { readonly kind: 'value'; readonly value: FilterValue }
  | { readonly kind: '(' | ')' | '[' | ']' | 'end' }
);

const OPERATORS = new Set(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr']);
const LOGIC = new Set(['and', 'or', 'not']);
const LITERALS = new Map<string, FilterValue>([
  ['true', true],
  ['false', false],
  ['null', null],
]);

const SPACE = /[ \t\r\n]+/y;
/** ATTRNAME starts with ALPHA (RFC 7644 §3.10); `$` and `_` cover `$ref`-style names. */
const WORD = /[A-Za-z_$][A-Za-z0-9_$:.-]*/y;
/** RFC 8259 §6, followed by no further name character (`12ab` is no number). */
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?(?![A-Za-z0-9_$:.-])/y;
const PUNCTUATION = new Set(['(', ')', '[', ']']);

/** An invalidFilter error pointing at a 1-based character position. */
export function filterError(message: string, pos: number): AppError {
  return new AppError('invalidFilter', `${message} at position ${pos + 1}`);
}

/** Reads a filter one token at a time, so errors surface left to right with the parser's own. */
export class Lexer {
  private readonly text: string;
  private pos = 0;

  constructor(text: string) {
    this.text = text;
  }

  /** The next token; once the text is used up, an `end` token on every call. */
  next(): Token {
    SPACE.lastIndex = this.pos;
    if (SPACE.test(this.text)) this.pos = SPACE.lastIndex;
    if (this.pos >= this.text.length) return { kind: 'end', text: '', pos: this.pos };
    const token = readToken(this.text, this.pos);
    this.pos += token.text.length;
    return token;
  }
}

function readToken(text: string, pos: number): Token {
  const char = text.charAt(pos);
  if (PUNCTUATION.has(char)) return { kind: char as '(' | ')' | '[' | ']', text: char, pos };
  if (char === '"') return readString(text, pos);
  if (char === '-' || (char >= '0' && char <= '9')) return readNumber(text, pos);
  if (char === '.') return readSubAttribute(text, pos);
  WORD.lastIndex = pos;
  const word = WORD.exec(text)?.[0];
  if (word === undefined) throw filterError(`unexpected character '${char}'`, pos);
  return classify(word, pos);
}

/** `.value` right after `]` (Entra's `emails[type eq "work"].value eq …`); the parser decides if it fits. */
function readSubAttribute(text: string, pos: number): Token {
  WORD.lastIndex = pos + 1;
  const word = WORD.exec(text)?.[0];
  if (word === undefined) throw filterError("unexpected '.'", pos);
  return { kind: 'path', text: `.${word}`, pos };
}

function classify(word: string, pos: number): Token {
  const lower = word.toLowerCase();
  if (OPERATORS.has(lower)) return { kind: 'op', op: lower as CompareOp | 'pr', text: word, pos };
  if (LOGIC.has(lower)) return { kind: 'logic', op: lower as 'and' | 'or' | 'not', text: word, pos };
  const literal = LITERALS.get(lower);
  if (literal !== undefined) return { kind: 'value', value: literal, text: word, pos };
  return { kind: 'path', text: word, pos };
}

function readNumber(text: string, pos: number): Token {
  NUMBER.lastIndex = pos;
  const match = NUMBER.exec(text)?.[0];
  if (match === undefined) throw filterError('malformed number', pos);
  if (!Number.isFinite(Number(match))) throw filterError('number out of range', pos);
  return { kind: 'value', value: Number(match), text: match, pos };
}

/** A JSON string (RFC 8259 §7): find the closing quote, then let JSON.parse apply the escape rules. */
function readString(text: string, pos: number): Token {
  let end = pos + 1;
  while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
  if (end >= text.length) throw filterError('unterminated string', pos);
  const raw = text.slice(pos, end + 1);
  let value: string;
  try {
    value = JSON.parse(raw) as string;
  } catch {
    throw filterError('malformed string (control character or bad escape)', pos);
  }
  // No stored value can hold NUL (PostgreSQL text cannot), so no filter may ask for one.
  if (value.includes('\0')) throw filterError('strings cannot contain the NUL character', pos);
  return { kind: 'value', value, text: raw, pos };
}
