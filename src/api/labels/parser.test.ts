import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LabelSelectorError } from './errors.js';
import { parseLabelSelector } from './parser.js';

const NAME_REGEX_DETAIL =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_REGEX_DETAIL =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

// Valid selectors and the canonical form Kubernetes prints for them.
const valid: { in: string; out: string }[] = [
  { in: '', out: '' },
  { in: '   ', out: '' },
  { in: 'x=a', out: 'x=a' },
  { in: 'x==a', out: 'x==a' },
  { in: 'x!=a', out: 'x!=a' },
  { in: 'x=a,y=b,z=c', out: 'x=a,y=b,z=c' },
  { in: 'z=c,y=b,x=a', out: 'x=a,y=b,z=c' },
  { in: ' x = a , y != b ', out: 'x=a,y!=b' },
  { in: 'x\t=\ra\n', out: 'x=a' },
  { in: 'x=,z= ', out: 'x=,z=' },
  { in: 'x', out: 'x' },
  { in: '!x', out: '!x' },
  { in: '! x', out: '!x' },
  { in: 'x>1', out: 'x>1' },
  { in: 'x<0', out: 'x<0' },
  { in: 'x>1,z<5', out: 'x>1,z<5' },
  { in: 'x in (a,b)', out: 'x in (a,b)' },
  { in: ' x in ( b , a ) ', out: 'x in (a,b)' },
  { in: 'x in (b,a,b)', out: 'x in (a,b)' },
  { in: 'x notin (b,a)', out: 'x notin (a,b)' },
  { in: 'x in (a,,b)', out: 'x in (,a,b)' },
  { in: 'x in ()', out: 'x in ()' },
  { in: 'x in (,)', out: 'x in ()' },
  { in: 'x in (a,)', out: 'x in (,a)' },
  { in: 'x in (,a)', out: 'x in (,a)' },
  { in: 'x in(a)', out: 'x in (a)' },
  { in: 'in in (in)', out: 'in in (in)' },
  { in: 'notin notin (notin,in)', out: 'notin notin (in,notin)' },
  { in: 'x=in', out: 'x=in' },
  { in: 'x=a,y!=b,z in (c),!w,v', out: 'v,!w,x=a,y!=b,z in (c)' },
  { in: 'example.com/app=web,kubernetes.io/os=linux', out: 'example.com/app=web,kubernetes.io/os=linux' },
  { in: 'b=2,a,b', out: 'a,b=2,b' },
  // NUL where a token may start ends the input; inside a word it only separates.
  { in: 'x=a \u0000garbage,(', out: 'x=a' },
  { in: 'x in (a\u0000)', out: 'x in (a)' },
  { in: 'x=a,\u0000y', out: 'x=a,y' },
  { in: 'x=A_b-c.9', out: 'x=A_b-c.9' },
];

for (const c of valid) {
  test(`parse ${JSON.stringify(c.in)} -> ${JSON.stringify(c.out)}`, () => {
    const s = parseLabelSelector(c.in);
    assert.equal(s.toString(), c.out);
    assert.equal(s.isEmpty(), c.out === '');
    // The canonical form parses back to itself.
    assert.equal(parseLabelSelector(s.toString()).toString(), c.out);
  });
}

const errors: { in: string; message: string }[] = [
  { in: ',', message: "found ',', expected: !, identifier, or 'end of string'" },
  { in: '(x)', message: "found '(', expected: !, identifier, or 'end of string'" },
  { in: '=a', message: "found '=', expected: !, identifier, or 'end of string'" },
  { in: 'x,', message: "found '', expected: identifier after ','" },
  { in: 'x=a,,y=b', message: "found ',', expected: identifier after ','" },
  { in: 'x=a,=b', message: "found '=', expected: identifier after ','" },
  { in: 'x=a b', message: "found 'b', expected: ',' or 'end of string'" },
  { in: 'x=a=b', message: "found '=', expected: ',' or 'end of string'" },
  { in: '!x=a', message: "found '=', expected: ',' or 'end of string'" },
  { in: 'x=a\u0000garbage', message: "found 'garbage', expected: ',' or 'end of string'" },
  { in: 'x in (a) b', message: "found 'b', expected: ',' or 'end of string'" },
  { in: '!', message: "unable to parse requirement: found '', expected: identifier" },
  { in: '!!x', message: "unable to parse requirement: found '!', expected: identifier" },
  { in: 'x x', message: "unable to parse requirement: found 'x', expected: in, notin, =, ==, !=, gt, lt" },
  { in: 'x (a)', message: "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt" },
  { in: 'x=(a)', message: "unable to parse requirement: found '(', expected: identifier" },
  { in: 'x<==1', message: "unable to parse requirement: found '==', expected: identifier" },
  { in: 'x in a', message: "unable to parse requirement: found 'a' expected: '('" },
  { in: 'x in [a]', message: "unable to parse requirement: found '[a]' expected: '('" },
  { in: 'x in (', message: "unable to parse requirement: found '', expected: ',', ')' or identifier" },
  { in: 'x in (=)', message: "unable to parse requirement: found '=', expected: ',', ')' or identifier" },
  { in: 'x in (a', message: "unable to parse requirement: found '', expected: ',' or ')'" },
  { in: 'x in (a b)', message: "unable to parse requirement: found 'b', expected: ',' or ')'" },
  { in: 'x in (a,', message: "unable to parse requirement: found '', expected: ',', or identifier" },
  { in: 'x in (a,=)', message: "unable to parse requirement: found '=', expected: ',', or identifier" },
  { in: '-x', message: `unable to parse requirement: <nil>: Invalid value: "-x": ${NAME_REGEX_DETAIL}` },
  { in: '!x_=a', message: `unable to parse requirement: <nil>: Invalid value: "x_": ${NAME_REGEX_DETAIL}` },
  {
    in: 'a/b/c',
    message:
      'unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, ' +
      "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', " +
      "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' " +
      "(e.g. 'example.com/MyName')",
  },
  {
    in: '/x',
    message: 'unable to parse requirement: <nil>: Invalid value: "/x": prefix part must be non-empty',
  },
  {
    in: 'Example.com/x',
    message:
      'unable to parse requirement: <nil>: Invalid value: "Example.com/x": prefix part a lowercase RFC 1123 subdomain must consist of ' +
      "lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', " +
      "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  },
  {
    in: 'example.com/',
    message: `unable to parse requirement: <nil>: Invalid value: "example.com/": name part must be non-empty; ${NAME_REGEX_DETAIL}`,
  },
  {
    in: `${'k'.repeat(64)}=v`,
    message: `unable to parse requirement: <nil>: Invalid value: "${'k'.repeat(64)}": name part must be no more than 63 characters`,
  },
  {
    in: 'a"b=v',
    message: `unable to parse requirement: <nil>: Invalid value: "a\\"b": ${NAME_REGEX_DETAIL}`,
  },
  { in: 'x=a||y=b', message: `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${VALUE_REGEX_DETAIL}` },
  { in: 'x in (ok,-bad)', message: `unable to parse requirement: values[0][x]: Invalid value: "-bad": ${VALUE_REGEX_DETAIL}` },
  {
    in: `x=${'v'.repeat(64)}`,
    message: `unable to parse requirement: values[0][x]: Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters`,
  },
  { in: 'x>', message: `unable to parse requirement: values[0]: Invalid value: "": for 'Gt', 'Lt' operators, the value must be an integer` },
  { in: 'x>a', message: `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer` },
  { in: 'x<1.5', message: `unable to parse requirement: values[0]: Invalid value: "1.5": for 'Gt', 'Lt' operators, the value must be an integer` },
  {
    in: 'x>99999999999999999999',
    message:
      `unable to parse requirement: values[0]: Invalid value: "99999999999999999999": for 'Gt', 'Lt' operators, the value must be an integer`,
  },
  { in: 'x>-1', message: `unable to parse requirement: values[0][x]: Invalid value: "-1": ${VALUE_REGEX_DETAIL}` },
  {
    in: 'x>_1',
    message:
      `unable to parse requirement: [values[0]: Invalid value: "_1": for 'Gt', 'Lt' operators, the value must be an integer, ` +
      `values[0][x]: Invalid value: "_1": ${VALUE_REGEX_DETAIL}]`,
  },
];

for (const c of errors) {
  test(`parse error ${JSON.stringify(c.in)}`, () => {
    assert.throws(
      () => parseLabelSelector(c.in),
      (e: unknown) => {
        assert.ok(e instanceof LabelSelectorError);
        assert.equal(e.code, 400);
        assert.equal(e.reason, 'BadRequest');
        assert.equal(e.message, c.message);
        return true;
      },
    );
  });
}
