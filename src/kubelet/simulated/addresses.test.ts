import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AddressRangeError, MAX_SIMULATED_NODES, ipToNumber, parseCIDR, simulatedNodeIP, simulatedPodCIDR } from './addresses.js';

describe('simulated pod CIDRs', () => {
  const cases: [number, string][] = [
    [0, '10.42.0.0/24'],
    [1, '10.42.1.0/24'],
    [255, '10.42.255.0/24'],
    [256, '10.44.0.0/24'], // 10.43.0.0/16 is the service CIDR
    [257, '10.44.1.0/24'],
    [4999, '10.62.135.0/24'],
    [MAX_SIMULATED_NODES - 1, '10.255.255.0/24'],
  ];
  for (const [i, want] of cases) it(`node ${i} -> ${want}`, () => assert.equal(simulatedPodCIDR(i), want));

  it('gives 5,000 nodes distinct /24s outside the service CIDR', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const cidr = simulatedPodCIDR(i);
      assert.ok(!cidr.startsWith('10.43.'), cidr);
      seen.add(cidr);
    }
    assert.equal(seen.size, 5000);
  });

  it('refuses indexes beyond the scheme', () => {
    assert.throws(() => simulatedPodCIDR(MAX_SIMULATED_NODES), AddressRangeError);
    assert.throws(() => simulatedPodCIDR(-1), AddressRangeError);
    assert.throws(() => simulatedPodCIDR(1.5), AddressRangeError);
  });
});

describe('simulated node IPs', () => {
  const cases: [number, string][] = [
    [0, '172.16.1.1'],
    [253, '172.16.1.254'],
    [254, '172.16.2.1'],
    [4999, '172.16.20.174'],
    [MAX_SIMULATED_NODES - 1, '172.16.215.172'],
  ];
  for (const [i, want] of cases) it(`node ${i} -> ${want}`, () => assert.equal(simulatedNodeIP(i), want));

  it('are distinct host addresses of 172.16.0.0/12 for every node', () => {
    const seen = new Set<string>();
    const lo = ipToNumber('172.16.0.0');
    const hi = ipToNumber('172.31.255.255');
    for (let i = 0; i < MAX_SIMULATED_NODES; i += 7) {
      const ip = simulatedNodeIP(i);
      const n = ipToNumber(ip);
      assert.ok(n > lo && n < hi, ip);
      assert.ok(!ip.endsWith('.0') && !ip.endsWith('.255'), ip);
      seen.add(ip);
    }
    assert.equal(seen.size, Math.ceil(MAX_SIMULATED_NODES / 7));
  });
});

describe('parseCIDR', () => {
  it('answers the network address and prefix', () => {
    assert.deepEqual(parseCIDR('10.42.3.7/24'), { base: ipToNumber('10.42.3.0'), prefix: 24 });
  });
  for (const bad of ['10.42.0.0', '10.42.0.0/33', '10.42.0/24', 'x/24', '10.42.0.0/24/1', '10.256.0.0/16']) {
    it(`refuses ${bad}`, () => assert.throws(() => parseCIDR(bad), AddressRangeError));
  }
});
