// The `kubernetes` Service in the default namespace, with its Endpoints and EndpointSlice,
// pointing at this API server — what in-cluster clients use to find it. Reconciled at start
// and periodically: recreated if deleted, repaired if changed, as Kubernetes' apiserver does.

import { StatusError } from '../../api/errors.js';
import type { KubeObject } from '../../api/meta.js';
import { deepEqual } from '../../api/strategy/deep-equal.js';
import type { ApiResources } from '../api-resources.js';
import type { Store } from '../registry/store.js';

export interface KubernetesServiceConfig {
  /** The Service's cluster IP: the first address of the service CIDR. */
  readonly clusterIP: string;
  /** Where the API server is reachable from the cluster. */
  readonly endpointIP: string;
  readonly port: number;
}

const NAME = 'kubernetes';
const NS = 'default';

function desiredService(c: KubernetesServiceConfig): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: NAME, namespace: NS, labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: c.clusterIP,
      clusterIPs: [c.clusterIP],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: c.port }],
      sessionAffinity: 'None',
      type: 'ClusterIP',
    },
  };
}

function desiredEndpoints(c: KubernetesServiceConfig): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: NAME, namespace: NS, labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: c.endpointIP }], ports: [{ name: 'https', port: c.port, protocol: 'TCP' }] }],
  };
}

function desiredEndpointSlice(c: KubernetesServiceConfig): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: NAME, namespace: NS, labels: { 'kubernetes.io/service-name': NAME } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [c.endpointIP], conditions: { ready: true } }],
    ports: [{ name: 'https', port: c.port, protocol: 'TCP' }],
  };
}

/** Creates obj, or makes the listed top-level fields of the existing one match it. */
async function reconcile(store: Store, obj: KubeObject, fields: readonly string[]): Promise<void> {
  const current = store.cache.get(store.key(NS, NAME));
  try {
    if (!current) {
      await store.create(NS, obj);
      return;
    }
    const stale = fields.some((f) => !containedIn(obj[f], current.obj[f])) || !containedIn(obj.metadata.labels, current.obj.metadata.labels);
    if (!stale) return;
    await store.update(NS, NAME, {
      tryUpdate: (cur) => {
        const next = structuredClone(cur ?? obj);
        for (const f of fields) next[f] = obj[f];
        next.metadata.labels = { ...(next.metadata.labels ?? {}), ...obj.metadata.labels };
        delete next.metadata.resourceVersion;
        return next;
      },
    });
  } catch (err) {
    if (err instanceof StatusError && (err.reason === 'AlreadyExists' || err.reason === 'Conflict')) return;
    throw err;
  }
}

/** Every field of want is present with the same value in have (have may hold more). */
function containedIn(want: unknown, have: unknown): boolean {
  if (want === undefined) return true;
  if (typeof want !== 'object' || want === null || Array.isArray(want)) return deepEqual(want, have);
  if (typeof have !== 'object' || have === null) return false;
  return Object.entries(want).every(([k, v]) => containedIn(v, (have as Record<string, unknown>)[k]));
}

export async function reconcileKubernetesService(api: ApiResources, c: KubernetesServiceConfig): Promise<void> {
  await reconcile(api.store('', 'services'), desiredService(c), ['spec']);
  await reconcile(api.store('', 'endpoints'), desiredEndpoints(c), ['subsets']);
  await reconcile(api.store('discovery.k8s.io', 'endpointslices'), desiredEndpointSlice(c), ['addressType', 'endpoints', 'ports']);
}
