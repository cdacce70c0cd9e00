// Expectations: what a controller has asked the API for and not yet seen come back through
// its informers (Kubernetes' ControllerExpectations and UIDTrackingControllerExpectations in
// pkg/controller/controller_utils.go).
//
// Before creating N objects, a controller calls expectCreations(key, N); its informer's add
// handler calls creationObserved(key) for each one it sees. While the count is above zero,
// satisfiedExpectations(key) is false and the controller's sync must not create or delete
// anything more: its cache has not caught up with its own writes, and acting on it would
// create duplicates. Deletions work the same way.
//
// Contract:
//  - Keys are the controller's object keys (`namespace/name`); one instance serves one kind of
//    controller.
//  - Expectations only go down once set (observations lower them; a new expect* replaces them).
//  - satisfiedExpectations(key) is true when there are none, when both counts are <= 0, or when
//    they were set more than EXPECTATIONS_TIMEOUT_MS ago (a lost watch event must not stall a
//    controller forever).
//  - UIDTrackingControllerExpectations remembers *which* objects (by `namespace/name`) it
//    expects to see deleted, so a pod observed twice (its deletionTimestamp being set, then its
//    removal) counts once, and a deletion it did not ask for does not count at all.
//  - Time comes from the injected clock.

import { realClock, type Clock } from '../../client/workqueue/clock.js';

/** Kubernetes' ExpectationsTimeout: five minutes. */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000;

/** One controller's outstanding expectations. */
export interface ControlleeExpectations {
  readonly add: number;
  readonly del: number;
  /** When they were set (clock ms). */
  readonly timestamp: number;
}

interface Entry {
  add: number;
  del: number;
  readonly timestamp: number;
}

export class ControllerExpectations {
  readonly #clock: Clock;
  readonly #entries = new Map<string, Entry>();

  constructor(clock: Clock = realClock) {
    this.#clock = clock;
  }

  getExpectations(key: string): ControlleeExpectations | undefined {
    const e = this.#entries.get(key);
    return e ? { add: e.add, del: e.del, timestamp: e.timestamp } : undefined;
  }

  /** True when the controller may act: nothing outstanding, or expired. */
  satisfiedExpectations(key: string): boolean {
    const e = this.#entries.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.#clock.now() - e.timestamp > EXPECTATIONS_TIMEOUT_MS;
  }

  deleteExpectations(key: string): void {
    this.#entries.delete(key);
  }

  /** Replaces the key's expectations. */
  setExpectations(key: string, add: number, del: number): void {
    this.#entries.set(key, { add, del, timestamp: this.#clock.now() });
  }

  expectCreations(key: string, adds: number): void {
    this.setExpectations(key, adds, 0);
  }

  expectDeletions(key: string, dels: number): void {
    this.setExpectations(key, 0, dels);
  }

  raiseExpectations(key: string, add: number, del: number): void {
    const e = this.#entries.get(key);
    if (!e) return;
    e.add += add;
    e.del += del;
  }

  lowerExpectations(key: string, add: number, del: number): void {
    this.raiseExpectations(key, -add, -del);
  }

  creationObserved(key: string): void {
    this.lowerExpectations(key, 1, 0);
  }

  deletionObserved(key: string): void {
    this.lowerExpectations(key, 0, 1);
  }
}

/**
 * Expectations that track deletions by object key. Creations are counted as in
 * ControllerExpectations (the names of pods made with generateName are unknown beforehand).
 */
export class UIDTrackingControllerExpectations {
  readonly #counts: ControllerExpectations;
  readonly #keys = new Map<string, Set<string>>();

  constructor(counts: ControllerExpectations = new ControllerExpectations()) {
    this.#counts = counts;
  }

  getExpectations(key: string): ControlleeExpectations | undefined {
    return this.#counts.getExpectations(key);
  }

  satisfiedExpectations(key: string): boolean {
    return this.#counts.satisfiedExpectations(key);
  }

  expectCreations(key: string, adds: number): void {
    this.#counts.expectCreations(key, adds);
  }

  creationObserved(key: string): void {
    this.#counts.creationObserved(key);
  }

  lowerExpectations(key: string, add: number, del: number): void {
    this.#counts.lowerExpectations(key, add, del);
  }

  /** The object keys still expected to be deleted (a copy). */
  getDeleteKeys(key: string): ReadonlySet<string> {
    return new Set(this.#keys.get(key) ?? []);
  }

  /** Expects the deletion of exactly these objects (`namespace/name`), replacing any others. */
  expectDeletions(key: string, deleteKeys: readonly string[]): void {
    const keys = new Set(deleteKeys);
    this.#keys.set(key, keys);
    this.#counts.expectDeletions(key, keys.size);
  }

  /** Counts the deletion of deleteKey once, if it was expected. */
  deletionObserved(key: string, deleteKey: string): void {
    const keys = this.#keys.get(key);
    if (!keys?.has(deleteKey)) return;
    keys.delete(deleteKey);
    this.#counts.deletionObserved(key);
  }

  deleteExpectations(key: string): void {
    this.#counts.deleteExpectations(key);
    this.#keys.delete(key);
  }
}
