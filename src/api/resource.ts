// A ResourceDef declares one built-in API resource: everything discovery, routing, storage,
// table printing and field selection need to know about it. The registry of built-in
// resources (src/api/registry) is a list of these; the API server is generic over them.

import type { KubeObject } from './meta.js';

export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

export const ALL_VERBS: readonly Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** meta.k8s.io/v1 TableColumnDefinition. */
export interface TableColumn {
  readonly name: string;
  readonly type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  /** 'name' for the NAME column, otherwise usually ''. */
  readonly format: string;
  readonly description: string;
  /** 0: always shown; 1: shown with -o wide. */
  readonly priority: number;
}

export type TableCell = string | number | boolean | null;

export interface TablePrinter {
  readonly columns: readonly TableColumn[];
  /** The cells of obj's row, one per column, as kubectl prints them against Kubernetes.
   *  obj is in the resource's storage version; now is the instant ages are measured from. */
  row(obj: KubeObject, now: Date): TableCell[];
}

export interface SubresourceDef {
  /** e.g. 'status', 'scale', 'binding'. */
  readonly name: string;
  /** The kind the subresource reads and writes ('' for the parent's kind); its group and
   *  version default to the parent's. */
  readonly kind: string;
  readonly group?: string;
  readonly version?: string;
  readonly verbs: readonly Verb[];
}

/** Moves an object between one served version and the storage version. */
export interface VersionConverter {
  toStorage(obj: KubeObject): KubeObject;
  fromStorage(obj: KubeObject): KubeObject;
}

export interface ResourceDef {
  /** '' for the core group. */
  readonly group: string;
  /** Served versions, preferred first. The storage version is storageVersion, or the first. */
  readonly versions: readonly string[];
  readonly kind: string;
  readonly listKind: string;
  /** The resource name in URLs, e.g. 'deployments'. */
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly verbs: readonly Verb[];
  readonly subresources: readonly SubresourceDef[];
  readonly table: TablePrinter;
  /** Per-kind field selectors (metadata.name and metadata.namespace are always supported):
   *  field path -> the value a selector compares against. */
  readonly fieldSelectors: Readonly<Record<string, (obj: KubeObject) => string>>;
  /** Fields (top-level or dotted paths such as metadata.annotations) whose change bumps
   *  metadata.generation (which starts at 1 on create).
   *  Absent: the kind has no generation. */
  readonly generationFields?: readonly string[];
  /** Present when objects are stored under another resource (events.k8s.io events live with
   *  core events): that resource's group and plural. */
  readonly storedAs?: { readonly group: string; readonly plural: string };
  /** The version objects are stored in (default: versions[0]), or for storedAs resources the
   *  other resource's storage version given as 'group/version'. */
  readonly storageVersion?: string;
  /** Converters for served versions other than the storage version, by version. */
  readonly conversion?: Readonly<Record<string, VersionConverter>>;
}
