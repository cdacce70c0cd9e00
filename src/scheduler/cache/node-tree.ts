// NodeTree: node names grouped by zone (region + zone labels), listed round-robin across
// zones (kube-scheduler node_tree.go), so that the first nodes a scheduling cycle looks at
// are spread over the zones rather than all in the first one.
//
// Contract: addNode/removeNode/updateNode keep the zones in step; list() answers
// zone1[0], zone2[0], ..., zone1[1], zone2[1], ...; numNodes counts the names held.

import type { Node } from '../../api/types/core-v1.js';

const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';
const BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';
const BETA_REGION = 'failure-domain.beta.kubernetes.io/region';

/** region + ":\0:" + zone, or '' for a node with neither label. */
export function zoneKey(node: Node): string {
  const labels = node.metadata.labels;
  if (!labels) return '';
  const zone = labels[ZONE] ?? labels[BETA_ZONE] ?? '';
  const region = labels[REGION] ?? labels[BETA_REGION] ?? '';
  if (region === '' && zone === '') return '';
  return `${region}:\x00:${zone}`;
}

export class NodeTree {
  readonly #tree = new Map<string, string[]>();
  /** Node name -> its zone key. */
  readonly #zoneOf = new Map<string, string>();
  #zones: string[] = [];

  get numNodes(): number {
    return this.#zoneOf.size;
  }

  addNode(node: Node): void {
    const name = node.metadata.name ?? '';
    if (this.#zoneOf.has(name)) return;
    const zone = zoneKey(node);
    let names = this.#tree.get(zone);
    if (!names) {
      names = [];
      this.#tree.set(zone, names);
      this.#zones.push(zone);
    }
    names.push(name);
    this.#zoneOf.set(name, zone);
  }

  removeNode(node: Node): boolean {
    const name = node.metadata.name ?? '';
    const zone = this.#zoneOf.get(name);
    if (zone === undefined) return false;
    const names = this.#tree.get(zone)!;
    names.splice(names.indexOf(name), 1);
    if (names.length === 0) {
      this.#tree.delete(zone);
      this.#zones = this.#zones.filter((z) => z !== zone);
    }
    this.#zoneOf.delete(name);
    return true;
  }

  updateNode(_oldNode: Node | undefined, newNode: Node): void {
    const name = newNode.metadata.name ?? '';
    const zone = this.#zoneOf.get(name);
    if (zone === zoneKey(newNode)) return;
    if (zone !== undefined) this.removeNode(newNode);
    this.addNode(newNode);
  }

  list(): string[] {
    const out: string[] = [];
    if (this.#zones.length === 1) return this.#tree.get(this.#zones[0]!)!.slice();
    for (let i = 0; out.length < this.#zoneOf.size; i++) {
      for (const zone of this.#zones) {
        const names = this.#tree.get(zone)!;
        if (i < names.length) out.push(names[i]!);
      }
    }
    return out;
  }
}
