// The synthetic addresses of simulated node i (0-based). Pure and deterministic, so a fleet
// restarted with the same size gives every node the same addresses again.
//
// Pod CIDRs (spec.podCIDR): one /24 per node. Nodes 0–255 take 10.42.<i>.0/24, the /24s of
// kite's cluster pod CIDR 10.42.0.0/16 (as k3s hands them out). Past 256 nodes the /24s go on
// in the following /16 blocks, skipping the service CIDR 10.43.0.0/16: node i lies in block
// b = floor(i / 256), whose second octet is 42 for b = 0 and 43 + b after (10.44, 10.45, ...).
// 5,000 nodes use 10.42 and 10.44–10.62; the scheme ends at 10.255, i.e. 54,528 nodes.
//
// Node addresses (status.addresses InternalIP, the hostIP of their pods): from 172.16.0.0/12,
// kept apart from the 10.x ranges of pods and services. Node i is host 1 + (i mod 254) of the
// /24 numbered 1 + floor(i / 254): 172.16.1.1 … 172.16.1.254, 172.16.2.1, … — 5,000 nodes end
// at 172.16.20.174, the largest fleet at 172.16.215.172.

export const POD_CIDR_BLOCK_SIZE = 256;
export const MAX_SIMULATED_NODES = (255 - 43 + 1) * POD_CIDR_BLOCK_SIZE;

const SERVICE_CIDR_SECOND_OCTET = 43;
const NODE_IP_BASE = ipToNumber('172.16.0.0');
const HOSTS_PER_NODE_SUBNET = 254;

export class AddressRangeError extends Error {
  override name = 'AddressRangeError';
}

/** spec.podCIDR of simulated node i. */
export function simulatedPodCIDR(i: number): string {
  checkIndex(i);
  const block = Math.floor(i / POD_CIDR_BLOCK_SIZE);
  const second = block === 0 ? 42 : SERVICE_CIDR_SECOND_OCTET + block;
  return `10.${second}.${i % POD_CIDR_BLOCK_SIZE}.0/24`;
}

/** The InternalIP of simulated node i. */
export function simulatedNodeIP(i: number): string {
  checkIndex(i);
  const subnet = 1 + Math.floor(i / HOSTS_PER_NODE_SUBNET);
  const host = 1 + (i % HOSTS_PER_NODE_SUBNET);
  return numberToIP(NODE_IP_BASE + subnet * 256 + host);
}

function checkIndex(i: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= MAX_SIMULATED_NODES) {
    throw new AddressRangeError(`simulated node index ${i} is outside 0..${MAX_SIMULATED_NODES - 1}`);
  }
}

/** An IPv4 address as an unsigned 32-bit number; throws on anything else. */
export function ipToNumber(ip: string): number {
  const parts = ip.split('.');
  if (parts.length !== 4) throw new AddressRangeError(`not an IPv4 address: "${ip}"`);
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) throw new AddressRangeError(`not an IPv4 address: "${ip}"`);
    n = n * 256 + Number(p);
  }
  return n;
}

export function numberToIP(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** An IPv4 CIDR's network address (as a number) and prefix length. */
export function parseCIDR(cidr: string): { base: number; prefix: number } {
  const [ip, len, extra] = cidr.split('/');
  const prefix = Number(len);
  if (extra !== undefined || ip === undefined || !/^\d{1,2}$/.test(len ?? '') || prefix > 32) {
    throw new AddressRangeError(`not an IPv4 CIDR: "${cidr}"`);
  }
  const size = 2 ** (32 - prefix);
  const base = ipToNumber(ip) - (ipToNumber(ip) % size);
  return { base, prefix };
}
