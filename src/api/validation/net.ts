// IP addresses and CIDRs as Kubernetes 1.32 parses them (netutils.ParseIPSloppy, which
// tolerates leading zeros in IPv4 octets for compatibility) and the field errors of
// IsValidIP / IsValidCIDR / ValidateNonSpecialIP.

import { isIPv6 } from 'node:net';
import type { FieldError } from '../errors.js';
import { invalid } from './field.js';

export interface ParsedIP {
  /** 4 or 16 bytes. */
  readonly bytes: number[];
  readonly v6: boolean;
}

function parseIPv4Sloppy(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return undefined;
    const n = Number.parseInt(p, 10);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

function parseIPv6(s: string): number[] | undefined {
  if (s.includes('%') || !isIPv6(s)) return undefined;
  let head = s;
  let tail4: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    const v4 = parseIPv4Sloppy(s.slice(lastColon + 1));
    if (!v4) return undefined;
    tail4 = v4;
    head = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const [left, right] = head.includes('::') ? head.split('::') : [head, undefined];
  const groups = (x: string | undefined) => (x ? x.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const l = groups(left);
  const r = groups(right);
  const fill = right === undefined ? [] : new Array<number>(8 - l.length - r.length).fill(0);
  const all = [...l, ...fill, ...r];
  if (all.length !== 8) return undefined;
  const bytes = all.flatMap((g) => [g >> 8, g & 0xff]);
  if (tail4.length) bytes.splice(12, 4, ...tail4);
  return bytes;
}

/** netutils.ParseIPSloppy; undefined for anything that is not an address. */
export function parseIP(s: string): ParsedIP | undefined {
  if (s.includes(':')) {
    const b = parseIPv6(s);
    return b ? { bytes: b, v6: true } : undefined;
  }
  const b = parseIPv4Sloppy(s);
  return b ? { bytes: b, v6: false } : undefined;
}

export function isIPv6String(s: string): boolean {
  return parseIP(s)?.v6 === true;
}

export interface ParsedCIDR {
  readonly ip: ParsedIP;
  readonly prefix: number;
}

export function parseCIDR(s: string): ParsedCIDR | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseIP(s.slice(0, slash));
  const p = s.slice(slash + 1);
  if (!ip || !/^[0-9]{1,3}$/.test(p)) return undefined;
  const prefix = Number.parseInt(p, 10);
  if (prefix > (ip.v6 ? 128 : 32)) return undefined;
  return { ip, prefix };
}

/** The IPv4 view of an address (IPv4-mapped IPv6 included), as Go's To4. */
function to4(ip: ParsedIP): number[] | undefined {
  if (!ip.v6) return ip.bytes;
  const b = ip.bytes;
  if (b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) return b.slice(12);
  return undefined;
}

export function isValidIP(field: string, value: string): FieldError[] {
  return parseIP(value) ? [] : [invalid(field, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

export function isValidIPv4Address(field: string, value: string): FieldError[] {
  const ip = parseIP(value);
  return ip && to4(ip) ? [] : [invalid(field, value, 'must be a valid IPv4 address')];
}

export function isValidIPv6Address(field: string, value: string): FieldError[] {
  const ip = parseIP(value);
  return ip && !to4(ip) ? [] : [invalid(field, value, 'must be a valid IPv6 address')];
}

export function isValidCIDR(field: string, value: string): FieldError[] {
  return parseCIDR(value) ? [] : [invalid(field, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

/** ValidateNonSpecialIP: endpoints and external IPs may not be unspecified, loopback or link-local. */
export function validateNonSpecialIP(value: string, field: string): FieldError[] {
  const ip = parseIP(value);
  if (!ip) return [invalid(field, value, 'must be a valid IP address')];
  const errs: FieldError[] = [];
  const v4 = to4(ip);
  const b = ip.bytes;
  const unspecified = v4 ? v4.every((x) => x === 0) : b.every((x) => x === 0);
  const loopback = v4 ? v4[0] === 127 : b.slice(0, 15).every((x) => x === 0) && b[15] === 1;
  const linkLocalUnicast = v4 ? v4[0] === 169 && v4[1] === 254 : b[0] === 0xfe && (b[1]! & 0xc0) === 0x80;
  const linkLocalMulticast = v4 ? v4[0] === 224 && v4[1] === 0 && v4[2] === 0 : b[0] === 0xff && (b[1]! & 0x0f) === 0x02;
  if (unspecified) errs.push(invalid(field, value, `may not be unspecified (${value})`));
  if (loopback) errs.push(invalid(field, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (linkLocalUnicast) errs.push(invalid(field, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (linkLocalMulticast) errs.push(invalid(field, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  return errs;
}

/** Whether the addresses are one IPv4 and one IPv6 (netutils.IsDualStackIPStrings for two). */
export function isDualStack(values: readonly string[]): boolean {
  const fams = new Set(values.map((v) => parseIP(v)?.v6));
  return fams.has(true) && fams.has(false);
}

/** Whether `inner` lies within `outer` and is strictly narrower. */
export function cidrStrictSubset(outer: ParsedCIDR, inner: ParsedCIDR): boolean {
  if (outer.ip.v6 !== inner.ip.v6 || inner.prefix <= outer.prefix) return false;
  for (let bit = 0; bit < outer.prefix; bit++) {
    const byte = bit >> 3;
    const mask = 0x80 >> (bit & 7);
    if ((outer.ip.bytes[byte]! & mask) !== (inner.ip.bytes[byte]! & mask)) return false;
  }
  return true;
}
