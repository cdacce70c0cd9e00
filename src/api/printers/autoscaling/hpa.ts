// The horizontalpodautoscalers table as Kubernetes 1.32 prints it, from the autoscaling/v2
// form: REFERENCE as Kind/name, TARGETS pairing each spec metric with the status metric at the
// same index ("cpu: 40%/80%", "<unknown>/100Mi (avg)", first two then "+ N more..."), MINPODS,
// MAXPODS and the current REPLICAS.

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column } from '../../registry/common.js';
import { int, present, records, text } from '../core/read.js';

interface MetricTarget {
  value?: unknown;
  averageValue?: unknown;
  averageUtilization?: number | null;
}

interface MetricValueStatus {
  value?: unknown;
  averageValue?: unknown;
  averageUtilization?: number | null;
}

interface MetricSpec {
  type?: string;
  resource?: { name?: string; target?: MetricTarget };
  containerResource?: { name?: string; target?: MetricTarget };
  pods?: { target?: MetricTarget };
  object?: { target?: MetricTarget };
  external?: { target?: MetricTarget };
}

interface MetricStatus {
  resource?: { current?: MetricValueStatus };
  containerResource?: { current?: MetricValueStatus };
  pods?: { current?: MetricValueStatus };
  object?: { current?: MetricValueStatus };
  external?: { current?: MetricValueStatus };
}

interface HPA extends KubeObject {
  spec?: {
    scaleTargetRef?: { kind?: string; name?: string };
    minReplicas?: number | null;
    maxReplicas?: number;
    metrics?: MetricSpec[];
  };
  status?: { currentReplicas?: number; currentMetrics?: MetricStatus[] };
}

type Source = 'resource' | 'containerResource' | 'pods' | 'object' | 'external';

const UNKNOWN = '<unknown>';
const MAX_SHOWN = 2;

/** A *Quantity cell: stored quantities are canonical already; Go prints a nil one as '<nil>'. */
function quantity(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '<nil>';
}

function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** The metric source of kind `source`, or an empty one where Go would have found a nil. */
function target(spec: MetricSpec, source: Source): MetricTarget {
  const s = spec[source];
  return present(s) && present(s?.target) ? (s?.target as MetricTarget) : {};
}

/** The current values of the status at the spec's index, when it reports the same source. */
function current(status: MetricStatus | undefined, source: Source): MetricValueStatus | undefined {
  const s = status?.[source];
  if (!present(s)) return undefined;
  return present(s?.current) ? (s?.current as MetricValueStatus) : {};
}

function percent(v: unknown): string {
  return `${int(v)}%`;
}

/** Value and AverageValue targets: Object and External metrics. */
function valueMetric(spec: MetricSpec, status: MetricStatus | undefined, source: 'object' | 'external'): string {
  const t = target(spec, source);
  const cur = current(status, source);
  if (isSet(t.averageValue)) {
    const now = cur && isSet(cur.averageValue) ? quantity(cur.averageValue) : UNKNOWN;
    return `${now}/${quantity(t.averageValue)} (avg)`;
  }
  return `${cur ? quantity(cur.value) : UNKNOWN}/${quantity(t.value)}`;
}

/** Resource and ContainerResource metrics: "name: current/target", by value or utilization. */
function resourceMetric(spec: MetricSpec, status: MetricStatus | undefined, source: 'resource' | 'containerResource'): string {
  const name = text(spec[source]?.name);
  const t = target(spec, source);
  const cur = current(status, source);
  if (isSet(t.averageValue)) {
    return `${name}: ${cur ? quantity(cur.averageValue) : UNKNOWN}/${quantity(t.averageValue)}`;
  }
  const now = cur && isSet(cur.averageUtilization) ? percent(cur.averageUtilization) : UNKNOWN;
  const want = isSet(t.averageUtilization) ? percent(t.averageUtilization) : '<auto>';
  return `${name}: ${now}/${want}`;
}

function formatMetric(spec: MetricSpec, status: MetricStatus | undefined): string {
  switch (spec.type) {
    case 'External':
      return valueMetric(spec, status, 'external');
    case 'Pods': {
      const cur = current(status, 'pods');
      return `${cur ? quantity(cur.averageValue) : UNKNOWN}/${quantity(target(spec, 'pods').averageValue)}`;
    }
    case 'Object':
      return valueMetric(spec, status, 'object');
    case 'Resource':
      return resourceMetric(spec, status, 'resource');
    case 'ContainerResource':
      return resourceMetric(spec, status, 'containerResource');
    default:
      return '<unknown type>';
  }
}

function formatMetrics(specs: MetricSpec[], statuses: MetricStatus[]): string {
  if (specs.length === 0) return '<none>';
  const list = specs.map((spec, i) => formatMetric(spec, statuses[i]));
  if (list.length > MAX_SHOWN) return `${list.slice(0, MAX_SHOWN).join(', ')} + ${list.length - MAX_SHOWN} more...`;
  return list.join(', ');
}

function hpaRow(obj: KubeObject, now: Date): TableCell[] {
  const hpa = obj as HPA;
  const spec = present(hpa.spec) ? hpa.spec : undefined;
  const status = present(hpa.status) ? hpa.status : undefined;
  const ref = present(spec?.scaleTargetRef) ? spec?.scaleTargetRef : undefined;
  // Status metrics pair with spec metrics by position, so odd entries keep their places.
  const statuses = Array.isArray(status?.currentMetrics)
    ? status.currentMetrics.map((m) => (present(m) ? m : undefined))
    : [];
  const minReplicas = spec?.minReplicas;
  return [
    text(hpa.metadata?.name),
    `${text(ref?.kind)}/${text(ref?.name)}`,
    formatMetrics(records(spec?.metrics), statuses as MetricStatus[]),
    typeof minReplicas === 'number' ? String(int(minReplicas)) : '<unset>',
    int(spec?.maxReplicas),
    int(status?.currentReplicas),
    age(hpa, now),
  ];
}

export const HPA_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Reference', 'string', 'The kind and name of the object being scaled.'),
    column('Targets', 'string', 'Current against target value of each metric.'),
    column('MinPods', 'string', 'The fewest replicas the autoscaler keeps.'),
    column('MaxPods', 'string', 'The most replicas the autoscaler allows.'),
    column('Replicas', 'string', 'The number of replicas now.'),
    AGE_COLUMN,
  ],
  row: hpaRow,
};
