import { Lexer, type Token } from './lexer.ts';

/** What a logged filter shows in place of each literal. */
export const REDACTED_LITERAL = '"…"';

/**
 * The filter with every string and number literal replaced by REDACTED_LITERAL, keeping its shape
 * (`emails[type eq "…"] and userName sw "…"`), so a log can tell what was asked without holding the
 * personal data or secrets asked about. A word where a value belongs (`userName eq ada`) counts as a
 * literal too; text that does not even lex is replaced whole.
 */
export function redactFilter(text: string): string {
  const lexer = new Lexer(text);
  let out = '';
  let from = 0;
  let previous: Token | undefined;
  try {
    for (let token = lexer.next(); token.kind !== 'end'; token = lexer.next()) {
      if (isLiteral(token, previous)) {
        out += text.slice(from, token.pos) + REDACTED_LITERAL;
        from = token.pos + token.text.length;
      }
      previous = token;
    }
  } catch {
    return REDACTED_LITERAL;
  }
  return out + text.slice(from);
}

function isLiteral(token: Token, previous: Token | undefined): boolean {
  if (token.kind === 'value') return token.value !== null && typeof token.value !== 'boolean';
  return token.kind === 'path' && previous?.kind === 'op' && previous.op !== 'pr';
}
