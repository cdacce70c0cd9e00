// How Go prints values inside the error texts kite copies from Kubernetes: strconv.Quote for
// strings, %#v for string slices, field.Error's "path: Invalid value: v: detail" and the
// aggregate's "[a, b]". Clients compare these texts, so the quoting has to be Go's, not JSON's.

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** Go's strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c < 0x80) {
      switch (c) {
        case 0x07: out += '\\a'; break;
        case 0x08: out += '\\b'; break;
        case 0x0c: out += '\\f'; break;
        case 0x0a: out += '\\n'; break;
        case 0x0d: out += '\\r'; break;
        case 0x09: out += '\\t'; break;
        case 0x0b: out += '\\v'; break;
        default: out += '\\x' + hex(c, 2);
      }
    } else if (c >= 0xd800 && c <= 0xdfff) {
      // A lone surrogate cannot reach Go as UTF-8; it would arrive as U+FFFD.
      out += '\ufffd';
    } else if (PRINTABLE.test(ch)) out += ch;
    else if (c < 0x10000) out += '\\u' + hex(c, 4);
    else out += '\\U' + hex(c, 8);
  }
  return out + '"';
}

/** Go's %#v of a []string; `null` stands for a nil slice. */
export function goStringSlice(values: readonly string[] | null): string {
  if (values === null) return '[]string(nil)';
  return `[]string{${values.map(goQuote).join(', ')}}`;
}

/** field.Error.Error() for an Invalid error whose value is already formatted. */
export function goInvalid(path: string, formattedValue: string, detail: string): string {
  return `${path}: Invalid value: ${formattedValue}: ${detail}`;
}

/** utilerrors aggregate text over field errors: duplicates dropped, one bare, many bracketed. */
export function goAggregate(messages: readonly string[]): string | undefined {
  const unique = [...new Set(messages)];
  if (unique.length === 0) return undefined;
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

/** Length in bytes as Go's len() counts it, for the length limits in validation messages. */
export function utf8Length(s: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) return Buffer.byteLength(s, 'utf8');
  }
  return s.length;
}
