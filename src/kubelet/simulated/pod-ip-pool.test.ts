import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AddressRangeError } from './addresses.js';
import { PodIPPool } from './pod-ip-pool.js';

describe('PodIPPool', () => {
  it('hands out .2 to .254 of a /24, lowest first, then nothing', () => {
    const pool = new PodIPPool('10.42.7.0/24');
    assert.equal(pool.free, 253);
    const got = Array.from({ length: 253 }, () => pool.allocate());
    assert.equal(got[0], '10.42.7.2');
    assert.equal(got[252], '10.42.7.254');
    assert.equal(new Set(got).size, 253);
    assert.equal(pool.allocate(), undefined);
    assert.equal(pool.free, 0);
  });

  it('reuses the lowest released address', () => {
    const pool = new PodIPPool('10.42.0.0/24');
    for (let i = 0; i < 10; i++) pool.allocate();
    pool.release('10.42.0.7');
    pool.release('10.42.0.4');
    assert.equal(pool.allocate(), '10.42.0.4');
    assert.equal(pool.allocate(), '10.42.0.7');
    assert.equal(pool.allocate(), '10.42.0.12');
  });

  it('claims addresses pods already hold, once, and only inside the range', () => {
    const pool = new PodIPPool('10.42.0.0/24');
    assert.equal(pool.claim('10.42.0.2'), true);
    assert.equal(pool.claim('10.42.0.2'), false);
    assert.equal(pool.claim('10.42.0.1'), false, 'the gateway');
    assert.equal(pool.claim('10.42.0.255'), false, 'broadcast');
    assert.equal(pool.claim('10.42.1.5'), false, 'another node');
    assert.equal(pool.claim('not-an-ip'), false);
    assert.equal(pool.allocate(), '10.42.0.3');
  });

  it('ignores releases of addresses it did not hand out', () => {
    const pool = new PodIPPool('10.42.0.0/24');
    pool.release('10.42.0.9');
    pool.release('192.168.0.1');
    assert.equal(pool.free, 253);
  });

  it('works for other prefix lengths and refuses unusable ones', () => {
    const pool = new PodIPPool('10.42.0.0/30');
    assert.equal(pool.allocate(), '10.42.0.2');
    assert.equal(pool.allocate(), undefined);
    assert.throws(() => new PodIPPool('10.0.0.0/8'), AddressRangeError);
    assert.throws(() => new PodIPPool('10.42.0.0/31'), AddressRangeError);
  });
});
