// The validatingwebhookconfigurations and mutatingwebhookconfigurations table as Kubernetes
// 1.32 prints it: WEBHOOKS, how many webhooks the configuration registers.

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column } from '../../registry/common.js';
import { text } from '../core/read.js';

interface WebhookConfiguration extends KubeObject {
  webhooks?: unknown[];
}

function webhookRow(obj: KubeObject, now: Date): TableCell[] {
  const wc = obj as WebhookConfiguration;
  return [text(wc.metadata?.name), Array.isArray(wc.webhooks) ? wc.webhooks.length : 0, age(wc, now)];
}

export const WEBHOOK_CONFIGURATION_TABLE: TablePrinter = {
  columns: [NAME_COLUMN, column('Webhooks', 'integer', 'How many webhooks the configuration registers.'), AGE_COLUMN],
  row: webhookRow,
};
