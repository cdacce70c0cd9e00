// A JSON value as YAML text, the way gnostic fills openapi.v2.Any.yaml: gnostic parses
// the JSON document into yaml.v3 nodes, clears their styles and marshals the node with
// yaml.v3 (four-space indentation, no line wrapping). Clients read it back with a YAML
// parser, so what matters is that it parses to the same value; reproducing yaml.v3's
// layout also keeps the bytes the same as Kubernetes'.
//
// The layout rules are yaml.v3's emitter's: a block mapping or sequence under a mapping
// key is indented to the next multiple of four; the first node inside a "- " item is
// indented by two (it starts right after the dash); empty collections are written in flow
// style ({} and []). A string is plain unless plain would read back as something else or
// cannot be plain (then single-quoted, or double-quoted when single quotes cannot carry
// it). One simplification: a multi-line string is double-quoted where yaml.v3 writes a
// literal block; it reads back the same.

const INDENT = 4;

/** The YAML text of v followed by a newline, as yaml.v3 marshals the node of v. */
export function yamlOf(v: unknown): string {
  const out: string[] = [];
  if (isBlockCollection(v)) emitBlock(out, v, -1, false);
  else out.push(scalar(v));
  out.push('\n');
  return out.join('');
}

type Json = unknown;

function isBlockCollection(v: Json): v is Json[] | Record<string, Json> {
  if (Array.isArray(v)) return v.length > 0;
  return v !== null && typeof v === 'object' && Object.keys(v).length > 0;
}

/** The indent of a collection opened at parent indent `parent`: yaml.v3 rounds up to the
 *  next multiple of four, except directly inside a "- " item, where it skips the dash. */
function childIndent(parent: number, inSequenceItem: boolean): number {
  if (parent < 0) return 0;
  if (inSequenceItem) return parent + 2;
  return INDENT * Math.floor((parent + INDENT) / INDENT);
}

/** Writes a non-empty mapping or sequence. The cursor is either at the start of a line
 *  (top level, or after "key:\n" was written) or right after "- " (inSequenceItem). */
function emitBlock(out: string[], v: Json[] | Record<string, Json>, parent: number, inSequenceItem: boolean): void {
  const indent = childIndent(parent, inSequenceItem);
  let first = true;
  const startLine = () => {
    // The first entry of a collection inside a "- " item goes on the dash's line.
    if (!(first && inSequenceItem)) {
      if (out.length && out[out.length - 1] !== '\n') out.push('\n');
      out.push(' '.repeat(indent));
    }
    first = false;
  };
  if (Array.isArray(v)) {
    for (const item of v) {
      startLine();
      out.push('- ');
      if (isBlockCollection(item)) emitBlock(out, item, indent, true);
      else out.push(scalar(item));
    }
    return;
  }
  for (const [key, value] of Object.entries(v)) {
    startLine();
    out.push(scalar(key), ':');
    if (isBlockCollection(value)) {
      out.push('\n');
      emitBlock(out, value, indent, false);
    } else {
      out.push(' ', scalar(value));
    }
  }
}

function scalar(v: Json): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return numberText(v);
  if (Array.isArray(v)) return '[]';
  if (typeof v === 'object') return '{}';
  return stringScalar(String(v));
}

/** JSON's spelling of a number, which is the text yaml.v3 keeps from the JSON input. */
function numberText(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  return JSON.stringify(n);
}

function stringScalar(s: string): string {
  if (s.includes('\n') || hasSpecialCharacters(s)) return doubleQuoted(s);
  // yaml.v3 double-quotes a string that would read back as another type.
  if (resolvesToNonString(s)) return doubleQuoted(s);
  if (plainAllowed(s)) return s;
  return `'${s.replaceAll("'", "''")}'`;
}

/** Characters libyaml will not print as they are: they force double quotes. */
function hasSpecialCharacters(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const printable = c === 0x0a || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || c >= 0x10000;
    if (!printable) return true;
  }
  return false;
}

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const BOOLS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
const SPECIAL_FLOATS = new Set(['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF']);
const FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT = /^[-+]?(0b[01]+|0o[0-7]+|0x[0-9a-fA-F]+|[0-9]+)$/;
const TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|$)/;

/** yaml.v3's resolve(): would this plain text be read as null, bool, number or time? */
function resolvesToNonString(s: string): boolean {
  if (NULLS.has(s) || BOOLS.has(s) || SPECIAL_FLOATS.has(s) || s === '<<') return true;
  const c = s[0];
  if (!(c === '-' || c === '+' || c === '.' || (c >= '0' && c <= '9'))) return false;
  if (TIMESTAMP.test(s)) return true;
  const plain = s.replaceAll('_', '');
  return INT.test(plain) || FLOAT.test(plain);
}

const FIRST_INDICATORS = new Set(['#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);

/** libyaml's analysis of whether a string can be written plain in block context. */
function plainAllowed(s: string): boolean {
  if (s === '') return false;
  if (s.startsWith('---') || s.startsWith('...')) return false;
  if (s[0] === ' ' || s[s.length - 1] === ' ' || s[0] === '\t' || s[s.length - 1] === '\t') return false;
  if (s.includes('\t')) return false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const followedBySpace = i + 1 >= s.length || s[i + 1] === ' ' || s[i + 1] === '\t';
    if (i === 0) {
      if (FIRST_INDICATORS.has(ch)) return false;
      if ((ch === '?' || ch === ':' || ch === '-') && followedBySpace) return false;
    } else {
      if (ch === ':' && followedBySpace) return false;
      if (ch === '#' && (s[i - 1] === ' ' || s[i - 1] === '\t')) return false;
    }
  }
  return true;
}

const ESCAPES: Record<string, string> = {
  '\0': '\\0',
  '\x07': '\\a',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\x0b': '\\v',
  '\f': '\\f',
  '\r': '\\r',
  '\x1b': '\\e',
  '"': '\\"',
  '\\': '\\\\',
  '\u0085': '\\N',
  '\u00a0': '\\_',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const esc = ESCAPES[ch];
    if (esc) {
      out += esc;
      continue;
    }
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0) || c === 0xfeff || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) {
      out += c <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`;
    } else {
      out += ch;
    }
  }
  return `${out}"`;
}

function hex(c: number, width: number): string {
  return c.toString(16).toUpperCase().padStart(width, '0');
}
