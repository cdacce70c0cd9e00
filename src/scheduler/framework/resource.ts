// Resource: a vector of the quantities the scheduler counts (kube-scheduler framework.Resource),
// as plain numbers: milli-CPU, bytes of memory and ephemeral storage, a pod count, and
// "scalar" resources (extended resources such as example.com/gpu, hugepages-*,
// attachable-volumes-*, kubernetes.io/-prefixed native ones) in whole units.
//
// Contract:
//  - Quantities convert as Kubernetes converts them: cpu by MilliValue, everything else by
//    Value (rounded up). Numbers are exact up to 2^53 (8 PiB of memory).
//  - add() / sub() accumulate another Resource; addList() a ResourceList from the API.
//  - The conversion of a quantity string is memoized: clusters repeat the same few
//    strings ("100m", "1Gi") across thousands of objects.
//  - podRequests(pod) is what the pod asks of a node (resourcehelper.PodRequests): the sum of
//    its containers, raised to what any init container needs while it runs (restartable
//    init containers — sidecars — keep running and add up), plus spec.overhead. With
//    `nonZero`, a container that names no cpu or memory request counts the defaults the
//    scheduler uses for spreading (100m, 200Mi).

import { Quantity } from '../../api/quantity.js';
import type { Container, Pod } from '../../api/types/core-v1.js';

export type ResourceList = Readonly<Record<string, string | number>>;

/** What a container without a cpu request counts as when spreading (milli-CPU). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
/** What a container without a memory request counts as when spreading (bytes). */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

const RESOURCE_CPU = 'cpu';
const RESOURCE_MEMORY = 'memory';
const RESOURCE_PODS = 'pods';
const RESOURCE_EPHEMERAL = 'ephemeral-storage';

const milliMemo = new Map<string, number>();
const valueMemo = new Map<string, number>();
const MEMO_LIMIT = 10_000;

function convert(q: string | number, memo: Map<string, number>, milli: boolean): number {
  const key = typeof q === 'number' ? String(q) : q;
  const known = memo.get(key);
  if (known !== undefined) return known;
  let n: number;
  try {
    const parsed = Quantity.fromJSON(q);
    n = Number(milli ? parsed.milliValue() : parsed.value());
  } catch {
    // The API server validates quantities; an unparsable one counts as nothing.
    n = 0;
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, n);
  return n;
}

export function milliValue(q: string | number): number {
  return convert(q, milliMemo, true);
}

export function wholeValue(q: string | number): number {
  return convert(q, valueMemo, false);
}

/** A resource name in kubernetes.io/ (or a subdomain of it). */
export function isPrefixedNativeResource(name: string): boolean {
  return name.includes('kubernetes.io/');
}

export function isNativeResource(name: string): boolean {
  return !name.includes('/') || isPrefixedNativeResource(name);
}

/** An extended resource: fully qualified, outside kubernetes.io, not a quota "requests." name. */
export function isExtendedResourceName(name: string): boolean {
  return !isNativeResource(name) && !name.startsWith('requests.');
}

export function isHugePageResourceName(name: string): boolean {
  return name.startsWith('hugepages-');
}

export function isAttachableVolumeResourceName(name: string): boolean {
  return name.startsWith('attachable-volumes-');
}

/** Resources the scheduler counts beyond cpu, memory, ephemeral-storage and pods. */
export function isScalarResourceName(name: string): boolean {
  return isExtendedResourceName(name) || isHugePageResourceName(name) || isPrefixedNativeResource(name) || isAttachableVolumeResourceName(name);
}

export class Resource {
  milliCPU = 0;
  memory = 0;
  ephemeralStorage = 0;
  allowedPodNumber = 0;
  /** Scalar resources; null while there are none (the common case allocates no map). */
  scalar: Map<string, number> | null = null;

  static fromList(list: ResourceList | undefined): Resource {
    const r = new Resource();
    if (list) r.addList(list);
    return r;
  }

  addList(list: ResourceList): void {
    for (const name in list) {
      const q = list[name]!;
      switch (name) {
        case RESOURCE_CPU:
          this.milliCPU += milliValue(q);
          break;
        case RESOURCE_MEMORY:
          this.memory += wholeValue(q);
          break;
        case RESOURCE_PODS:
          this.allowedPodNumber += wholeValue(q);
          break;
        case RESOURCE_EPHEMERAL:
          this.ephemeralStorage += wholeValue(q);
          break;
        default:
          if (isScalarResourceName(name)) this.addScalar(name, wholeValue(q));
      }
    }
  }

  addScalar(name: string, v: number): void {
    const m = (this.scalar ??= new Map());
    m.set(name, (m.get(name) ?? 0) + v);
  }

  scalarValue(name: string): number {
    return this.scalar?.get(name) ?? 0;
  }

  /** this += sign * other. */
  accumulate(other: Resource, sign: 1 | -1): void {
    this.milliCPU += sign * other.milliCPU;
    this.memory += sign * other.memory;
    this.ephemeralStorage += sign * other.ephemeralStorage;
    this.allowedPodNumber += sign * other.allowedPodNumber;
    if (other.scalar) for (const [k, v] of other.scalar) this.addScalar(k, sign * v);
  }

  /** Each dimension raised to other's where other's is larger. */
  setMax(other: Resource): void {
    if (other.milliCPU > this.milliCPU) this.milliCPU = other.milliCPU;
    if (other.memory > this.memory) this.memory = other.memory;
    if (other.ephemeralStorage > this.ephemeralStorage) this.ephemeralStorage = other.ephemeralStorage;
    if (other.allowedPodNumber > this.allowedPodNumber) this.allowedPodNumber = other.allowedPodNumber;
    if (other.scalar) {
      for (const [k, v] of other.scalar) if (v > this.scalarValue(k)) (this.scalar ??= new Map()).set(k, v);
    }
  }

  /** Nothing requested in any dimension the Filter checks (pods aside). */
  isZero(): boolean {
    if (this.milliCPU !== 0 || this.memory !== 0 || this.ephemeralStorage !== 0) return false;
    return !this.scalar || this.scalar.size === 0;
  }

  clone(): Resource {
    const r = new Resource();
    r.copyFrom(this);
    return r;
  }

  copyFrom(other: Resource): void {
    this.milliCPU = other.milliCPU;
    this.memory = other.memory;
    this.ephemeralStorage = other.ephemeralStorage;
    this.allowedPodNumber = other.allowedPodNumber;
    this.scalar = other.scalar && other.scalar.size > 0 ? new Map(other.scalar) : null;
  }

  /** The amount of a resource by its API name. */
  get(name: string): number {
    switch (name) {
      case RESOURCE_CPU:
        return this.milliCPU;
      case RESOURCE_MEMORY:
        return this.memory;
      case RESOURCE_EPHEMERAL:
        return this.ephemeralStorage;
      case RESOURCE_PODS:
        return this.allowedPodNumber;
      default:
        return this.scalarValue(name);
    }
  }
}

function containerRequests(c: Container, nonZero: boolean): Resource {
  const requests = c.resources?.requests;
  const r = Resource.fromList(requests);
  if (nonZero) {
    // Only a missing entry takes the default; an explicit 0 stays 0 (NonMissingContainerRequests).
    if (!requests || !(RESOURCE_CPU in requests)) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (!requests || !(RESOURCE_MEMORY in requests)) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/** What the pod asks of a node; see the file header. */
export function podRequests(pod: Pod, nonZero = false): Resource {
  const spec = pod.spec;
  const reqs = new Resource();
  if (!spec) return reqs;
  for (const c of spec.containers ?? []) reqs.accumulate(containerRequests(c, nonZero), 1);
  const initMax = new Resource();
  const sidecars = new Resource();
  for (const c of spec.initContainers ?? []) {
    const r = containerRequests(c, nonZero);
    if (c.restartPolicy === 'Always') {
      // A sidecar keeps running beside everything started after it.
      reqs.accumulate(r, 1);
      sidecars.accumulate(r, 1);
      initMax.setMax(sidecars);
    } else {
      const running = r.clone();
      running.accumulate(sidecars, 1);
      initMax.setMax(running);
    }
  }
  reqs.setMax(initMax);
  if (spec.overhead) reqs.addList(spec.overhead);
  return reqs;
}
