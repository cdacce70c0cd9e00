// The pod IPs of one simulated node: the hosts of its podCIDR, as a CNI host-local range
// hands them out. The network address, the first host (the bridge's gateway, .1 of a /24)
// and the broadcast address are never given to a pod; a /24 has 253 pod IPs (.2–.254).
//
// Contract: allocate() answers the lowest free address (undefined when the range is full);
// claim(ip) marks an address some pod already holds (after a restart) and answers false when
// it is outside the range or already taken; release(ip) frees it (unknown addresses are
// ignored). Addresses are strings in dotted form.

import { AddressRangeError, ipToNumber, numberToIP, parseCIDR } from './addresses.js';

/** The largest range a pool tracks (a /16): a bitmap of this many entries. */
const MAX_POOL_SIZE = 65536;

export class PodIPPool {
  readonly cidr: string;
  readonly #base: number;
  readonly #used: Uint8Array;
  readonly #first: number;
  readonly #last: number;
  #hint: number;
  #free: number;

  constructor(cidr: string) {
    const { base, prefix } = parseCIDR(cidr);
    const size = 2 ** (32 - prefix);
    if (size > MAX_POOL_SIZE || size < 4) throw new AddressRangeError(`pod CIDR ${cidr}: want a prefix length from /16 to /30`);
    this.cidr = cidr;
    this.#base = base;
    this.#used = new Uint8Array(size);
    this.#first = 2;
    this.#last = size - 2;
    this.#hint = this.#first;
    this.#free = this.#last - this.#first + 1;
  }

  /** Addresses still free. */
  get free(): number {
    return this.#free;
  }

  allocate(): string | undefined {
    if (this.#free === 0) return undefined;
    // Every address below the hint is taken, so the first free one from there is the lowest.
    for (let o = this.#hint; o <= this.#last; o++) {
      if (this.#used[o] === 0) {
        this.#take(o);
        this.#hint = o + 1;
        return numberToIP(this.#base + o);
      }
    }
    return undefined;
  }

  claim(ip: string): boolean {
    const o = this.#offset(ip);
    if (o === undefined || this.#used[o] === 1) return false;
    this.#take(o);
    return true;
  }

  release(ip: string): void {
    const o = this.#offset(ip);
    if (o === undefined || this.#used[o] === 0) return;
    this.#used[o] = 0;
    this.#free++;
    if (o < this.#hint) this.#hint = o;
  }

  #take(o: number): void {
    this.#used[o] = 1;
    this.#free--;
  }

  #offset(ip: string): number | undefined {
    let n: number;
    try {
      n = ipToNumber(ip);
    } catch {
      return undefined;
    }
    const o = n - this.#base;
    return o >= this.#first && o <= this.#last ? o : undefined;
  }
}
