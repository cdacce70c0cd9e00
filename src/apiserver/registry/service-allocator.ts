// ServiceAllocator hands out Service cluster IPs (from the service CIDR) and node ports
// (30000-32767), as Kubernetes' service registry does: each address or port belongs to one
// Service, is never handed out twice, and comes back when its Service goes. What is in use
// is learned from the services watch cache (so it survives restarts with the data), plus
// reservations for writes still in flight.

import { type FieldError, invalid } from '../../api/errors.js';
import { isPlainObject, type KubeObject } from '../../api/meta.js';
import type { WatchCache, WatcherEvent } from '../watchcache/watch-cache.js';

export interface AllocatorConfig {
  /** IPv4 CIDR, e.g. 10.43.0.0/16. */
  readonly serviceCIDR: string;
  readonly nodePortRange: readonly [number, number];
}

/** Undoes a reservation when the write that made it fails. */
export type Undo = () => void;

interface ServicePort {
  nodePort?: number;
}

interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ports?: ServicePort[];
  externalTrafficPolicy?: string;
  healthCheckNodePort?: number;
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
}

export class ServiceAllocator {
  readonly #base: number;
  readonly #size: number;
  readonly #cidr: string;
  readonly #ports: readonly [number, number];
  /** What each service key holds, from the cache. */
  readonly #held = new Map<string, { ips: string[]; ports: number[] }>();
  readonly #ipOwner = new Map<string, string>();
  readonly #portOwner = new Map<number, string>();

  constructor(config: AllocatorConfig) {
    const [addr, bits] = config.serviceCIDR.split('/');
    this.#base = ipToInt(addr);
    this.#size = 2 ** (32 - Number(bits));
    this.#cidr = config.serviceCIDR;
    this.#ports = config.nodePortRange;
  }

  /** Follows the services cache: every service's addresses and ports count as used. */
  track(cache: WatchCache): void {
    cache.watch(undefined, {
      keyPrefix: cache.prefix,
      onEvents: (events) => events.forEach((e) => this.#observe(e)),
      onClose: () => {},
    });
  }

  #observe(e: WatcherEvent): void {
    const key = e.object.key;
    this.#release(key);
    if (e.type === 'DELETED') return;
    const spec = specOf(e.object.obj);
    const ips = (spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])).filter((ip) => ip !== 'None');
    const ports = nodePortsOf(spec);
    this.#held.set(key, { ips, ports });
    for (const ip of ips) this.#ipOwner.set(ip, key);
    for (const p of ports) this.#portOwner.set(p, key);
  }

  #release(key: string): void {
    const held = this.#held.get(key);
    if (!held) return;
    for (const ip of held.ips) if (this.#ipOwner.get(ip) === key) this.#ipOwner.delete(ip);
    for (const p of held.ports) if (this.#portOwner.get(p) === key) this.#portOwner.delete(p);
    this.#held.delete(key);
  }

  /**
   * Fills in the cluster IP and node ports svc (stored under key) needs, checking the ones it
   * asks for; old is its previous state on update. Throws 422 for taken or out-of-range
   * values. The returned Undo gives back what was newly reserved.
   */
  allocate(key: string, svc: KubeObject, old?: KubeObject): Undo {
    const spec = specOf(svc);
    const reserved: (() => void)[] = [];
    const undo = () => reserved.forEach((r) => r());
    try {
      this.#allocateIP(key, svc, spec, old ? specOf(old) : undefined, reserved);
      this.#allocatePorts(key, svc, spec, reserved);
    } catch (err) {
      undo();
      throw err;
    }
    return undo;
  }

  #allocateIP(key: string, svc: KubeObject, spec: ServiceSpec, oldSpec: ServiceSpec | undefined, reserved: (() => void)[]): void {
    if (spec.type === 'ExternalName') return;
    if (oldSpec?.clusterIP && !spec.clusterIP) {
      spec.clusterIP = oldSpec.clusterIP;
      spec.clusterIPs = oldSpec.clusterIPs ?? [oldSpec.clusterIP];
    }
    let ip = spec.clusterIP || spec.clusterIPs?.[0] || '';
    if (ip === 'None') {
      spec.clusterIP = 'None';
      spec.clusterIPs = ['None'];
    } else if (ip === '') {
      ip = this.#freeIP();
      if (!ip) throw invalidService(svc, { type: 'FieldValueInvalid', field: 'spec.clusterIPs', value: [], detail: `failed to allocate IP: range is full` });
      this.#reserveIP(ip, key, reserved);
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
    } else if (this.#ipOwner.get(ip) !== key) {
      const n = ipToInt(ip);
      if (Number.isNaN(n) || n < this.#base || n >= this.#base + this.#size) {
        throw invalidService(svc, { type: 'FieldValueInvalid', field: 'spec.clusterIPs', value: [ip], detail: `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.#cidr}` });
      }
      if (this.#ipOwner.has(ip)) {
        throw invalidService(svc, { type: 'FieldValueInvalid', field: 'spec.clusterIPs', value: [ip], detail: `failed to allocate IP ${ip}: provided IP is already allocated` });
      }
      this.#reserveIP(ip, key, reserved);
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
    }
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
  }

  #allocatePorts(key: string, svc: KubeObject, spec: ServiceSpec, reserved: (() => void)[]): void {
    const needsPorts = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
    (spec.ports ?? []).forEach((port, i) => {
      if (!isPlainObject(port)) return;
      const p = port as ServicePort;
      if (typeof p.nodePort !== 'number') delete p.nodePort;
      if (!needsPorts) {
        // Kubernetes drops node ports when a service stops being NodePort/LoadBalancer.
        delete p.nodePort;
        return;
      }
      if (!p.nodePort) {
        p.nodePort = this.#freePort();
        if (!p.nodePort) throw invalidService(svc, { type: 'FieldValueInvalid', field: `spec.ports[${i}].nodePort`, value: 0, detail: 'range is full' });
      } else {
        this.#checkPort(key, svc, p.nodePort, `spec.ports[${i}].nodePort`);
      }
      this.#reservePort(p.nodePort, key, reserved);
    });
    if (spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local') {
      if (!spec.healthCheckNodePort) spec.healthCheckNodePort = this.#freePort();
      else this.#checkPort(key, svc, spec.healthCheckNodePort, 'spec.healthCheckNodePort');
      this.#reservePort(spec.healthCheckNodePort, key, reserved);
    } else if (spec.type !== 'LoadBalancer') {
      delete spec.healthCheckNodePort;
    }
  }

  #checkPort(key: string, svc: KubeObject, port: number, field: string): void {
    const [lo, hi] = this.#ports;
    if (port < lo || port > hi) {
      throw invalidService(svc, { type: 'FieldValueInvalid', field, value: port, detail: `provided port is not in the valid range. The range of valid ports is ${lo}-${hi}` });
    }
    const owner = this.#portOwner.get(port);
    if (owner !== undefined && owner !== key) {
      throw invalidService(svc, { type: 'FieldValueInvalid', field, value: port, detail: 'provided port is already allocated' });
    }
  }

  #reserveIP(ip: string, key: string, reserved: (() => void)[]): void {
    if (this.#ipOwner.has(ip)) return;
    this.#ipOwner.set(ip, key);
    reserved.push(() => {
      if (this.#ipOwner.get(ip) === key && !this.#held.get(key)?.ips.includes(ip)) this.#ipOwner.delete(ip);
    });
  }

  #reservePort(port: number, key: string, reserved: (() => void)[]): void {
    if (this.#portOwner.has(port)) return;
    this.#portOwner.set(port, key);
    reserved.push(() => {
      if (this.#portOwner.get(port) === key && !this.#held.get(key)?.ports.includes(port)) this.#portOwner.delete(port);
    });
  }

  /** A free address, searched from a random offset; the network address, the first host
   *  (kept for the `kubernetes` Service) and the broadcast address are never handed out. */
  #freeIP(): string {
    const usable = this.#size - 3;
    const start = Math.floor(Math.random() * usable);
    for (let i = 0; i < usable; i++) {
      const ip = intToIp(this.#base + 2 + ((start + i) % usable));
      if (!this.#ipOwner.has(ip)) return ip;
    }
    return '';
  }

  #freePort(): number {
    const [lo, hi] = this.#ports;
    const n = hi - lo + 1;
    const start = Math.floor(Math.random() * n);
    for (let i = 0; i < n; i++) {
      const p = lo + ((start + i) % n);
      if (!this.#portOwner.has(p)) return p;
    }
    return 0;
  }
}

function specOf(svc: KubeObject): ServiceSpec {
  if (!isPlainObject(svc.spec)) svc.spec = {};
  return svc.spec as ServiceSpec;
}

function nodePortsOf(spec: ServiceSpec): number[] {
  const ports = (spec.ports ?? []).map((p) => (isPlainObject(p) ? p.nodePort : undefined)).filter((p): p is number => typeof p === 'number' && p > 0);
  if (spec.healthCheckNodePort) ports.push(spec.healthCheckNodePort);
  return ports;
}

function invalidService(svc: KubeObject, error: FieldError): Error {
  return invalid({ group: '', kind: 'Service' }, svc.metadata.name ?? '', [error]);
}

function ipToInt(ip: string): number {
  const parts = ip.split('.');
  if (parts.length !== 4) return NaN;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return NaN;
    n = n * 256 + Number(p);
  }
  return n;
}

function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
