// The pod-template-hash: the value of the `pod-template-hash` label the deployment controller
// puts on a ReplicaSet's selector, its template and so its pods, and the suffix of the
// ReplicaSet's name (`<deployment>-<hash>`).
//
// Contract (Kubernetes' controller.ComputeHash, in shape):
//  - FNV-32a over a deterministic serialization of the pod template, then, when the
//    Deployment has a status.collisionCount, the count as 8 bytes (uint32 little-endian, four
//    zero bytes after), so bumping the count yields a different name for the same template.
//  - The 32-bit sum's decimal digits are mapped through SafeEncodeString's alphabet (no
//    vowels, no 0/1/3: no words), giving 1 to 10 characters from "bcdfghjklmnpqrstvwxz2456789".
//  - The serialization is canonical JSON (object keys sorted, undefined dropped). Kubernetes
//    hashes a go-spew dump of its Go struct instead, so the values differ from a real
//    cluster's; nothing depends on them: the controller finds a Deployment's ReplicaSets by
//    comparing templates (template-equality.ts), never by recomputing hashes, and kubectl
//    only reads the label.

export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/** FNV-1a, 32 bits, over bytes; `seed` continues an earlier sum. */
export function fnv32a(bytes: Uint8Array, seed = FNV32_OFFSET): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, FNV32_PRIME) >>> 0;
  }
  return h >>> 0;
}

const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** Kubernetes' rand.SafeEncodeString: every byte mapped into the safe alphabet. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) out += SAFE_ALPHANUMS[b % SAFE_ALPHANUMS.length];
  return out;
}

/** JSON with object keys sorted at every level; undefined members are dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(obj).sort()) {
    if (obj[k] === undefined) continue;
    parts.push(`${JSON.stringify(k)}:${canonicalJson(obj[k])}`);
  }
  return `{${parts.join(',')}}`;
}

/** The hash of a pod template, salted by the Deployment's collision count when it has one. */
export function computeHash(template: unknown, collisionCount?: number | null): string {
  let h = fnv32a(Buffer.from(canonicalJson(template), 'utf8'));
  if (collisionCount !== undefined && collisionCount !== null) {
    const salt = new Uint8Array(8);
    new DataView(salt.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(salt, h);
  }
  return safeEncodeString(String(h));
}
