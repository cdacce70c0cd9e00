// Parses Kubernetes' label selector string syntax into a LabelSelector:
//
//   selector    := requirement ("," requirement)*  |  ""
//   requirement := ["!"] KEY [ ("in" | "notin") "(" values ")" | ("=" | "==" | "!=" | ">" | "<") VALUE ]
//
// with Kubernetes' quirks kept: in/notin are plain words in value and key positions, "()" and
// empty list entries mean the empty value, set values come out sorted and de-duplicated, and
// every error carries the text Kubernetes returns (400 BadRequest on a list or watch).

import { LabelSelectorError } from './errors.js';
import { goInvalid, goQuote } from './go-format.js';
import { lex, Tok, type Token } from './lexer.js';
import { BINARY_OPERATORS, newRequirement, type Operator, type Requirement } from './requirement.js';
import { LabelSelector } from './selector.js';
import { isQualifiedName } from './validation.js';

/** Thrown inside the parser; parse() turns it into the error the caller sees. */
class Failure {
  constructor(readonly message: string) {}
}

const EOS: Token = { tok: Tok.EndOfString, literal: '' };

class Parser {
  #pos = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  // In value position the keywords in/notin are ordinary identifiers.
  #asValue(t: Token): Token {
    return t.tok === Tok.In || t.tok === Tok.NotIn ? { tok: Tok.Identifier, literal: t.literal } : t;
  }

  lookahead(): Token {
    return this.#asValue(this.tokens[this.#pos] ?? EOS);
  }

  consume(asValue = true): Token {
    const t = this.tokens[this.#pos] ?? EOS;
    this.#pos++;
    return asValue ? this.#asValue(t) : t;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, literal } = this.lookahead();
      switch (tok) {
        case Tok.Identifier:
        case Tok.DoesNotExist: {
          try {
            reqs.push(this.parseRequirement());
          } catch (e) {
            if (e instanceof Failure) throw new Failure(`unable to parse requirement: ${e.message}`);
            if (e instanceof LabelSelectorError) throw new Failure(`unable to parse requirement: ${e.message}`);
            throw e;
          }
          const t = this.consume();
          if (t.tok === Tok.EndOfString) return reqs;
          if (t.tok !== Tok.Comma) throw new Failure(`found '${t.literal}', expected: ',' or 'end of string'`);
          const t2 = this.lookahead();
          if (t2.tok !== Tok.Identifier && t2.tok !== Tok.DoesNotExist) {
            throw new Failure(`found '${t2.literal}', expected: identifier after ','`);
          }
          break;
        }
        case Tok.EndOfString:
          return reqs;
        default:
          throw new Failure(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  parseRequirement(): Requirement {
    const [key, inferred] = this.parseKeyAndInferOperator();
    if (inferred !== undefined) return newRequirement(key, inferred, []);
    const operator = this.parseOperator();
    const values = operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, operator, [...values].sort(compare));
  }

  /** The key, and exists / ! when no binary operator follows it. */
  parseKeyAndInferOperator(): [string, Operator | undefined] {
    let operator: Operator | undefined;
    let t = this.consume();
    if (t.tok === Tok.DoesNotExist) {
      operator = '!';
      t = this.consume();
    }
    if (t.tok !== Tok.Identifier) throw new Failure(`found '${t.literal}', expected: identifier`);
    const keyErrs = isQualifiedName(t.literal);
    // Kubernetes validates here with no field path, which Go prints as "<nil>".
    if (keyErrs.length > 0) throw new Failure(goInvalid('<nil>', goQuote(t.literal), keyErrs.join('; ')));
    const next = this.lookahead().tok;
    if ((next === Tok.EndOfString || next === Tok.Comma) && operator === undefined) operator = 'exists';
    return [t.literal, operator];
  }

  parseOperator(): Operator {
    const t = this.consume(false);
    switch (t.tok) {
      case Tok.In:
        return 'in';
      case Tok.Equals:
        return '=';
      case Tok.DoubleEquals:
        return '==';
      case Tok.GreaterThan:
        return 'gt';
      case Tok.LessThan:
        return 'lt';
      case Tok.NotIn:
        return 'notin';
      case Tok.NotEquals:
        return '!=';
      default:
        throw new Failure(`found '${t.literal}', expected: ${BINARY_OPERATORS.join(', ')}`);
    }
  }

  /** "(" a, b, ... ")" with empty entries as the empty value. */
  parseValues(): Set<string> {
    const open = this.consume();
    if (open.tok !== Tok.OpenPar) throw new Failure(`found '${open.literal}' expected: '('`);
    const { tok, literal } = this.lookahead();
    switch (tok) {
      case Tok.Identifier:
      case Tok.Comma: {
        const values = this.parseIdentifiersList();
        if (this.consume().tok !== Tok.ClosedPar) throw new Failure(`found '${literal}', expected: ')'`);
        return values;
      }
      case Tok.ClosedPar:
        this.consume();
        return new Set(['']);
      default:
        throw new Failure(`found '${literal}', expected: ',', ')' or identifier`);
    }
  }

  parseIdentifiersList(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const t = this.consume();
      switch (t.tok) {
        case Tok.Identifier: {
          values.add(t.literal);
          const t2 = this.lookahead();
          if (t2.tok === Tok.Comma) continue;
          if (t2.tok === Tok.ClosedPar) return values;
          throw new Failure(`found '${t2.literal}', expected: ',' or ')'`);
        }
        case Tok.Comma: {
          if (values.size === 0) values.add('');
          const t2 = this.lookahead().tok;
          if (t2 === Tok.ClosedPar) {
            values.add('');
            return values;
          }
          if (t2 === Tok.Comma) values.add('');
          break;
        }
        default:
          throw new Failure(`found '${t.literal}', expected: ',', or identifier`);
      }
    }
  }

  /** The single value after =, ==, !=, > or <; nothing at all means the empty value. */
  parseExactValue(): Set<string> {
    const next = this.lookahead().tok;
    if (next === Tok.EndOfString || next === Tok.Comma) return new Set(['']);
    const t = this.consume();
    if (t.tok === Tok.Identifier) return new Set([t.literal]);
    throw new Failure(`found '${t.literal}', expected: identifier`);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Parses a label selector string; "" is the selector that matches everything. Throws
 * LabelSelectorError (400 BadRequest) with Kubernetes' message on bad input.
 */
export function parseLabelSelector(selector: string): LabelSelector {
  try {
    return LabelSelector.of(new Parser(lex(selector)).parse());
  } catch (e) {
    if (e instanceof Failure) throw new LabelSelectorError(e.message);
    throw e;
  }
}
