import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Quantity,
  QuantityParseError,
  QUANTITY_FORMAT_ERROR,
  QUANTITY_SUFFIX_ERROR,
  parseQuantity,
  type QuantityFormat,
} from './quantity.js';

const DSI: QuantityFormat = 'DecimalSI';
const BSI: QuantityFormat = 'BinarySI';
const DE: QuantityFormat = 'DecimalExponent';
const MAX = 2n ** 63n - 1n;

const dec = (u: bigint | number, e: number, f: QuantityFormat = DSI): Quantity => Quantity.fromDecimal(u, e, f);

// Kubernetes' TestQuantityParse table: input, value as unscaled * 10^exponent, format.
const parsed: [string, bigint | number, number, QuantityFormat][] = [
  ['0', 0, 0, DSI],
  ['0n', 0, 0, DSI],
  ['0u', 0, 0, DSI],
  ['0m', 0, 0, DSI],
  ['0Ki', 0, 0, BSI],
  ['0k', 0, 0, DSI],
  ['0Mi', 0, 0, BSI],
  ['0M', 0, 0, DSI],
  ['0Gi', 0, 0, BSI],
  ['0G', 0, 0, DSI],
  ['0Ti', 0, 0, BSI],
  ['0T', 0, 0, DSI],
  ['1', 1, 0, DSI],
  ['1Ki', 1024, 0, BSI],
  ['8Ki', 8 * 1024, 0, BSI],
  ['7Mi', 7 * 1024 ** 2, 0, BSI],
  ['6Gi', 6 * 1024 ** 3, 0, BSI],
  ['5Ti', 5 * 1024 ** 4, 0, BSI],
  ['4Pi', 4n * 1024n ** 5n, 0, BSI],
  ['3Ei', 3n * 1024n ** 6n, 0, BSI],
  ['10Ti', 10 * 1024 ** 4, 0, BSI],
  ['100Ti', 100 * 1024 ** 4, 0, BSI],
  ['5n', 5, -9, DSI],
  ['4u', 4, -6, DSI],
  ['3m', 3, -3, DSI],
  ['9', 9, 0, DSI],
  ['8k', 8, 3, DSI],
  ['50k', 5, 4, DSI],
  ['7M', 7, 6, DSI],
  ['6G', 6, 9, DSI],
  ['5T', 5, 12, DSI],
  ['40T', 4, 13, DSI],
  ['300T', 3, 14, DSI],
  ['2P', 2, 15, DSI],
  ['1E', 1, 18, DSI],
  ['1E-3', 1, -3, DE],
  ['1e3', 1, 3, DE],
  ['1E6', 1, 6, DE],
  ['1e9', 1, 9, DE],
  ['1E12', 1, 12, DE],
  ['1e15', 1, 15, DE],
  ['1E18', 1, 18, DE],
  ['1e14', 1, 14, DE],
  ['1e13', 1, 13, DE],
  ['100.035k', 100035, 0, DSI],
  ['0.001', 1, -3, DSI],
  ['0.0005k', 5, -1, DSI],
  ['0.005', 5, -3, DSI],
  ['0.05', 5, -2, DSI],
  ['0.5', 5, -1, DSI],
  ['0.00050k', 5, -1, DSI],
  ['0.00500', 5, -3, DSI],
  ['0.05000', 5, -2, DSI],
  ['0.50000', 5, -1, DSI],
  ['0.5e0', 5, -1, DE],
  ['0.5e-1', 5, -2, DE],
  ['0.5e-2', 5, -3, DE],
  ['10.035M', 10035, 3, DSI],
  ['1.2e3', 12, 2, DE],
  ['1.3E+6', 13, 5, DE],
  ['1.40e9', 14, 8, DE],
  ['1.53E12', 153, 10, DE],
  ['1.6e15', 16, 14, DE],
  ['1.7E18', 17, 17, DE],
  ['9.01', 901, -2, DSI],
  ['8.1k', 81, 2, DSI],
  ['7.123456M', 7123456, 0, DSI],
  ['6.987654321G', 6987654321, 0, DSI],
  ['5.444T', 5444, 9, DSI],
  ['40.1T', 401, 11, DSI],
  ['300.2T', 3002, 11, DSI],
  ['2.5P', 25, 14, DSI],
  ['1.01E', 101, 16, DSI],
  // Rounded up to whole nanos, or capped.
  ['3.001n', 4, -9, DSI],
  ['1.1E-9', 2, -9, DE],
  ['0.0000000001', 1, -9, DSI],
  ['0.0000000005', 1, -9, DSI],
  ['0.00000000050', 1, -9, DSI],
  ['0.5e-9', 1, -9, DE],
  ['0.9n', 1, -9, DSI],
  ['0.00000012345', 124, -9, DSI],
  ['0.00000012354', 124, -9, DSI],
  ['9Ei', MAX, 0, BSI],
  ['9223372036854775807Ki', MAX, 0, BSI],
  ['12E', 12, 18, DSI],
  // Fractional binary values.
  ['100.035Ki', 10243584, -2, BSI],
  ['0.5Mi', 524288, 0, BSI],
  ['0.05Gi', 536870912, -1, BSI],
  ['0.025Ti', 274877906944, -1, BSI],
  // Odd but accepted.
  ['0.000000000001Ki', 2, -9, DSI],
  ['.001', 1, -3, DSI],
  ['.0001k', 100, -3, DSI],
  ['1.', 1, 0, DSI],
  ['1.G', 1, 9, DSI],
];

for (const [input, u, e, format] of parsed) {
  test(`parse ${input}`, () => {
    const want = dec(u, e);
    for (const [prefix, sign] of [['', 1n], ['+', 1n], ['-', -1n]] as const) {
      const got = Quantity.parse(prefix + input);
      assert.equal(got.cmp(sign > 0n ? want : want.neg()), 0, `${prefix}${input} = ${got}`);
      assert.equal(got.format, format, `${prefix}${input} format`);
    }
  });
}

const invalid: [string, string][] = [
  ['', QUANTITY_FORMAT_ERROR],
  ['1.1.M', QUANTITY_FORMAT_ERROR],
  ['1+1.0M', QUANTITY_FORMAT_ERROR],
  ['0.1mi', QUANTITY_SUFFIX_ERROR],
  ['0.1am', QUANTITY_FORMAT_ERROR],
  ['aoeu', QUANTITY_FORMAT_ERROR],
  ['.5i', QUANTITY_SUFFIX_ERROR],
  ['1i', QUANTITY_SUFFIX_ERROR],
  ['-3.01i', QUANTITY_SUFFIX_ERROR],
  ['-3.01e-', QUANTITY_SUFFIX_ERROR],
  ['1e', QUANTITY_SUFFIX_ERROR],
  ['1Ki5', QUANTITY_SUFFIX_ERROR],
  ['1e99999999999999999999', QUANTITY_SUFFIX_ERROR],
  ['1e3.5', QUANTITY_FORMAT_ERROR],
  ['1Gi ', QUANTITY_FORMAT_ERROR],
  [' 1', QUANTITY_FORMAT_ERROR],
  ['1 ', QUANTITY_FORMAT_ERROR],
  ['1,000', QUANTITY_FORMAT_ERROR],
];

for (const [input, message] of invalid) {
  test(`parse ${JSON.stringify(input)} fails`, () => {
    assert.throws(
      () => parseQuantity(input),
      (e: unknown) => e instanceof QuantityParseError && e.code === 400 && e.reason === 'BadRequest' && e.message === message,
    );
  });
}

test('the format error names the regular expression', () => {
  assert.equal(QUANTITY_FORMAT_ERROR, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
});

// Kubernetes' TestQuantityString: value, canonical form, and another spelling of it.
const strings: [Quantity, string, string][] = [
  [dec(1024 ** 3, 0, BSI), '1Gi', '1024Mi'],
  [dec(300 * 1024 ** 2, 0, BSI), '300Mi', '307200Ki'],
  [dec(6 * 1024, 0, BSI), '6Ki', ''],
  [dec(1001 * 1024 ** 3, 0, BSI), '1001Gi', '1025024Mi'],
  [dec(1024 ** 4, 0, BSI), '1Ti', '1024Gi'],
  [dec(5, 0, BSI), '5', '5000m'],
  [dec(500, -3, BSI), '500m', '0.5'],
  [dec(1, 9), '1G', '1000M'],
  [dec(1000, 6), '1G', '0.001T'],
  [dec(1000000, 3), '1G', ''],
  [dec(1000000000, 0), '1G', ''],
  [dec(1, -3), '1m', '1000u'],
  [dec(80, -3), '80m', ''],
  [dec(1080, -3), '1080m', '1.08'],
  [dec(108, -2), '1080m', '1080000000n'],
  [dec(10800, -4), '1080m', ''],
  [dec(300, 6), '300M', ''],
  [dec(1, 12), '1T', ''],
  [dec(1234567, 6), '1234567M', ''],
  [dec(1234567, -3, BSI), '1234567m', ''],
  [dec(3, 3), '3k', ''],
  [dec(1025, 0, BSI), '1025', ''],
  [dec(0, 0), '0', ''],
  [dec(0, 0, BSI), '0', ''],
  [dec(1, 9, DE), '1e9', '.001e12'],
  [dec(1, -3, DE), '1e-3', '0.001e0'],
  [dec(1, -9, DE), '1e-9', '1000e-12'],
  [dec(80, -3, DE), '80e-3', ''],
  [dec(300, 6, DE), '300e6', ''],
  [dec(1, 12, DE), '1e12', ''],
  [dec(1, 3, DE), '1e3', ''],
  [dec(3, 3, DE), '3e3', ''],
  [dec(0, 0, DE), '0', '00'],
  [dec(1, -9), '1n', ''],
  [dec(80, -9), '80n', ''],
  [dec(1080, -9), '1080n', ''],
  [dec(108, -8), '1080n', ''],
  [dec(10800, -10), '1080n', ''],
  [dec(1, -6), '1u', ''],
  [dec(80, -6), '80u', ''],
  [dec(1080, -6), '1080u', ''],
];

for (const [q, canonical, alternate] of strings) {
  test(`canonical ${canonical}`, () => {
    assert.equal(q.toString(), canonical);
    assert.equal(Quantity.parse(canonical).toString(), canonical);
    if (alternate) assert.equal(Quantity.parse(alternate).toString(), canonical);
    if (!q.isZero()) assert.equal(q.neg().toString(), `-${canonical}`);
  });
}

const emitted: [string, string][] = [
  ['1Ki', '1Ki'],
  ['1Mi', '1Mi'],
  ['1Gi', '1Gi'],
  ['1024Mi', '1Gi'],
  ['1000M', '1G'],
  ['.001Ki', '1024m'],
  ['.000001Ki', '1024u'],
  ['.000000001Ki', '1024n'],
  ['.000000000001Ki', '2n'],
  // The brief's examples.
  ['1.5Gi', '1536Mi'],
  ['0.5', '500m'],
  ['1000m', '1'],
  ['1e3', '1e3'],
  ['500m', '500m'],
  ['100M', '100M'],
  ['1.5', '1500m'],
  ['1.5Ki', '1536'],
  ['0.5Ki', '512'],
  ['1.1Ki', '1126400m'],
  ['2048Ki', '2Mi'],
  ['1e4', '10e3'],
  ['1e-4', '100e-6'],
  ['10000', '10k'],
  ['0.1m', '100u'],
  ['0.0001m', '100n'],
  ['0.00001m', '10n'],
  ['-0', '0'],
  ['0.000', '0'],
  ['+', '0'],
  ['.', '0'],
  ['8Ei', '9223372036854775807'],
  // Kubernetes echoes a canonical input verbatim, sign, leading zeros and case included.
  ['+1', '+1'],
  ['+1k', '+1k'],
  ['0010', '0010'],
  ['1E3', '1E3'],
  ['1.G', '1.G'],
  ['+1000', '1k'],
  // Kubernetes 1.32 has no DecimalSI suffix past E and prints none.
  ['1000E', '1'],
  ['1000000000000000000000', '1'],
  ['1e21', '1e21'],
];

for (const [input, want] of emitted) {
  test(`${input} prints as ${want}`, () => {
    assert.equal(Quantity.parse(input).toString(), want);
    assert.equal(JSON.stringify({ q: Quantity.parse(input) }), JSON.stringify({ q: want }));
    if (!want.startsWith('+') && want !== '0' && !input.startsWith('+') && !input.startsWith('-')) {
      assert.equal(Quantity.parse(`-${input}`).toString(), `-${want}`);
    }
  });
}

test('binary values beyond Ei print without a suffix, as Kubernetes 1.32 does', () => {
  assert.equal(dec(2n ** 70n, 0, BSI).toString(), '1');
  assert.equal(dec(2n ** 60n, 0, BSI).toString(), '1Ei');
});

test('absurd exponents stay cheap', () => {
  const big = Quantity.parse('1e1000000000');
  assert.equal(big.toString(), '10e999999999');
  assert.equal(big.value(), MAX);
  assert.equal(big.cmp(Quantity.parse('1e999999999')), 1);
  assert.equal(Quantity.parse('123456789012345678901e-1000000000').toString(), '1e-9');
  // Kubernetes narrows the exponent to int32; this one wraps to 3 and is echoed as written.
  assert.equal(Quantity.parse('1e4294967299').value(), 1000n);
  assert.equal(Quantity.parse('1e4294967299').toString(), '1e4294967299');
  assert.equal(Quantity.parse('123456789012345678901e-1000000000').milliValue(), 1n);
});

test('cmp', () => {
  const cases: [string, string, number][] = [
    ['0', '0', 0],
    ['100m', '50m', 1],
    ['50m', '100m', -1],
    ['10000T', '100Gi', 1],
    ['1Gi', '1073741824', 0],
    ['1k', '1000', 0],
    ['1e3', '1k', 0],
    ['-1', '1m', -1],
    ['-1', '-2', 1],
    ['0', '-1n', 1],
    ['1n', '0', 1],
  ];
  for (const [a, b, want] of cases) {
    assert.equal(Quantity.parse(a).cmp(Quantity.parse(b)), want, `${a} vs ${b}`);
    assert.equal(Quantity.parse(b).cmp(Quantity.parse(a)), want === 0 ? 0 : -want, `${b} vs ${a}`);
    assert.equal(Quantity.parse(a).equals(Quantity.parse(b)), want === 0);
  }
});

test('add and sub', () => {
  const cases: [Quantity, Quantity, Quantity, Quantity, QuantityFormat, QuantityFormat][] = [
    // a, b, a+b, a-b, format of a+b, format of a-b
    [dec(10, 0), dec(1, 1), dec(20, 0), dec(0, 0), DSI, DSI],
    [dec(10, 0), dec(1, 0, BSI), dec(11, 0), dec(9, 0), DSI, DSI],
    [dec(10, 0, BSI), dec(1, 0), dec(11, 0), dec(9, 0), BSI, BSI],
    [Quantity.zero(DSI), dec(50, 0), dec(50, 0), dec(-50, 0), DSI, DSI],
    [dec(50, 0), Quantity.zero(DSI), dec(50, 0), dec(50, 0), DSI, DSI],
    [Quantity.zero(DSI), Quantity.zero(DSI), dec(0, 0), dec(0, 0), DSI, DSI],
    [Quantity.zero(DSI), Quantity.parse('1Gi'), Quantity.parse('1Gi'), Quantity.parse('-1Gi'), BSI, BSI],
    [dec(MAX, 0), dec(MAX, 0), dec(2n * MAX, 0), dec(0, 0), DSI, DSI],
  ];
  for (const [a, b, sum, diff, sumFormat, diffFormat] of cases) {
    assert.equal(a.add(b).cmp(sum), 0, `${a} + ${b}`);
    assert.equal(a.sub(b).cmp(diff), 0, `${a} - ${b}`);
    assert.equal(a.add(b).format, sumFormat);
    assert.equal(a.sub(b).format, diffFormat);
  }
  assert.equal(Quantity.parse('100m').add(Quantity.parse('0')).toString(), '100m');
  assert.equal(Quantity.parse('0').add(Quantity.parse('1Gi')).toString(), '1Gi');
  assert.equal(Quantity.parse('0').sub(Quantity.parse('1Gi')).toString(), '-1Gi');
  assert.equal(Quantity.parse('1Gi').sub(Quantity.parse('512Mi')).toString(), '512Mi');
  assert.equal(Quantity.parse('250m').add(Quantity.parse('1')).toString(), '1250m');
  assert.equal(Quantity.parse('1Gi').add(Quantity.parse('1G')).toString(), '2073741824');
});

test('quantities are immutable', () => {
  const a = Quantity.parse('1');
  a.add(Quantity.parse('1'));
  a.neg();
  assert.equal(a.toString(), '1');
});

test('value and milliValue round away from zero', () => {
  const cases: [string, bigint, bigint][] = [
    ['0', 0n, 0n],
    ['1', 1n, 1000n],
    ['500m', 1n, 500n],
    ['1.5', 2n, 1500n],
    ['1n', 1n, 1n],
    ['1500u', 1n, 2n],
    ['-1.5', -2n, -1500n],
    ['-1n', -1n, -1n],
    ['1Gi', 1073741824n, 1073741824000n],
    ['1e3', 1000n, 1000000n],
    ['9223372036854775807', 9223372036854775807n, MAX],
    ['8Ei', MAX, MAX],
    ['100E', MAX, MAX],
    ['-100E', -(2n ** 63n), -(2n ** 63n)],
  ];
  for (const [input, value, milli] of cases) {
    const q = Quantity.parse(input);
    assert.equal(q.value(), value, `${input}.value()`);
    assert.equal(q.milliValue(), milli, `${input}.milliValue()`);
  }
});

test('scaledValue', () => {
  const cases: [number, number, bigint][] = [
    [-9, -9, 1n],
    [-9, -6, 1n],
    [-9, -3, 1n],
    [-9, 0, 1n],
    [-6, -9, 1000n],
    [-6, -6, 1n],
    [-6, -3, 1n],
    [-6, 0, 1n],
    [-3, -9, 1000000n],
    [-3, -6, 1000n],
    [-3, -3, 1n],
    [-3, 0, 1n],
    [0, -9, 1000000000n],
    [0, -6, 1000000n],
    [0, -3, 1000n],
    [0, 0, 1n],
    [2, -2, 10000n],
  ];
  for (const [from, to, want] of cases) assert.equal(Quantity.fromScaled(1, from).scaledValue(to), want, `${from} -> ${to}`);
});

test('constructors', () => {
  const milli: [number, QuantityFormat, string][] = [
    [1, DSI, '1m'],
    [1000, DSI, '1'],
    [1234000, DSI, '1234'],
    [1024, BSI, '1024m'],
    [1024 * 1024, BSI, '1048576m'],
  ];
  for (const [v, f, want] of milli) assert.equal(Quantity.fromMilli(v, f).toString(), want);
  const whole: [number, QuantityFormat, string][] = [
    [1, DSI, '1'],
    [1000, DSI, '1k'],
    [1234000, DSI, '1234k'],
    [1024, BSI, '1Ki'],
    [1000000, DE, '1e6'],
    [1024 * 1024, BSI, '1Mi'],
  ];
  for (const [v, f, want] of whole) {
    assert.equal(Quantity.fromInt(v, f).toString(), want);
    assert.equal(Quantity.parse(want).value(), BigInt(v));
  }
  const scaled: [number, number, string][] = [
    [1, -9, '1n'],
    [1000, -9, '1u'],
    [1, -6, '1u'],
    [1000, -6, '1m'],
    [1, -3, '1m'],
    [1000, -3, '1'],
    [1, 0, '1'],
    [0, -9, '0'],
    [0, 0, '0'],
  ];
  for (const [v, s, want] of scaled) {
    assert.equal(Quantity.fromScaled(v, s).toString(), want);
    assert.equal(Quantity.parse(want).scaledValue(s), BigInt(v));
  }
});

test('fromJSON takes strings (trimmed) and numbers', () => {
  assert.equal(Quantity.fromJSON(' 1 ').toString(), '1');
  assert.equal(Quantity.fromJSON(1).toString(), '1');
  assert.equal(Quantity.fromJSON(-1).toString(), '-1');
  assert.equal(Quantity.fromJSON(0.5).toString(), '500m');
  assert.equal(Quantity.fromJSON(10).toString(), '10');
});

test('asApproximateFloat64', () => {
  const cases: [string, number][] = [
    ['2Ki', 2048],
    ['1.1Ki', 1126.4],
    ['1Mi', 1.048576e6],
    ['2Gi', 2.147483648e9],
    ['0', 0],
    ['1500m', 1.5],
    ['12E', 1.2e19],
  ];
  for (const [input, want] of cases) assert.equal(Quantity.parse(input).asApproximateFloat64(), want, input);
  assert.equal(dec(12, 500).asApproximateFloat64(), Infinity);
  assert.equal(dec(-12, 500).asApproximateFloat64(), -Infinity);
});

test('sign and isZero', () => {
  assert.equal(Quantity.parse('0Gi').isZero(), true);
  assert.equal(Quantity.parse('-1m').sign(), -1);
  assert.equal(Quantity.parse('1m').sign(), 1);
  assert.equal(Quantity.parse('0.0').sign(), 0);
});
