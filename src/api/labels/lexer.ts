// Tokens of the label selector string syntax. The lexer follows Kubernetes' byte for byte:
// whitespace is space, tab, CR and LF; the special symbols = ! ( ) , > < combine greedily into
// the longest operator; anything else up to the next special symbol or whitespace is an
// identifier, or the keyword in / notin. A NUL character ends the input, as it does there.

export const Tok = {
  Error: 0,
  EndOfString: 1,
  ClosedPar: 2,
  Comma: 3,
  DoesNotExist: 4,
  DoubleEquals: 5,
  Equals: 6,
  GreaterThan: 7,
  Identifier: 8,
  In: 9,
  LessThan: 10,
  NotEquals: 11,
  NotIn: 12,
  OpenPar: 13,
} as const;
export type Tok = (typeof Tok)[keyof typeof Tok];

export interface Token {
  readonly tok: Tok;
  readonly literal: string;
}

const LITERAL_TOKENS: ReadonlyMap<string, Tok> = new Map<string, Tok>([
  [')', Tok.ClosedPar],
  [',', Tok.Comma],
  ['!', Tok.DoesNotExist],
  ['==', Tok.DoubleEquals],
  ['=', Tok.Equals],
  ['>', Tok.GreaterThan],
  ['in', Tok.In],
  ['<', Tok.LessThan],
  ['!=', Tok.NotEquals],
  ['notin', Tok.NotIn],
  ['(', Tok.OpenPar],
]);

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
}

function isSpecialSymbol(c: number): boolean {
  switch (c) {
    case 0x3d: // =
    case 0x21: // !
    case 0x28: // (
    case 0x29: // )
    case 0x2c: // ,
    case 0x3e: // >
    case 0x3c: // <
      return true;
  }
  return false;
}

/** All tokens of `s`, ending with (and including) the first EndOfString. */
export function lex(s: string): Token[] {
  let pos = 0;
  // 0 means "end": past the last character, or a NUL inside the string.
  const read = (): number => (pos < s.length ? s.charCodeAt(pos++) : 0);

  const scanIdOrKeyword = (): Token => {
    const start = pos;
    let end: number;
    for (;;) {
      const at = pos;
      const c = read();
      if (c === 0) {
        end = at;
        break;
      }
      if (isSpecialSymbol(c) || isWhitespace(c)) {
        pos--;
        end = pos;
        break;
      }
    }
    const literal = s.slice(start, end);
    const tok = LITERAL_TOKENS.get(literal);
    return { tok: tok ?? Tok.Identifier, literal };
  };

  const scanSpecialSymbol = (): Token => {
    let buffer = '';
    let last: Token | undefined;
    for (;;) {
      const c = read();
      if (c === 0) break;
      if (!isSpecialSymbol(c)) {
        pos--;
        break;
      }
      buffer += String.fromCharCode(c);
      const tok = LITERAL_TOKENS.get(buffer);
      if (tok !== undefined) {
        last = { tok, literal: buffer };
      } else if (last) {
        pos--;
        break;
      }
    }
    return last ?? { tok: Tok.Error, literal: `error expected: keyword found '${buffer}'` };
  };

  const next = (): Token => {
    let c = read();
    while (isWhitespace(c)) c = read();
    if (c === 0) return { tok: Tok.EndOfString, literal: '' };
    pos--;
    return isSpecialSymbol(c) ? scanSpecialSymbol() : scanIdOrKeyword();
  };

  const tokens: Token[] = [];
  for (;;) {
    const t = next();
    tokens.push(t);
    if (t.tok === Tok.EndOfString) return tokens;
  }
}
