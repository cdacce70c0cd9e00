import { container, POD_SPEC_DEFAULTS, runDefaultingCases, type DefaultingCase } from './testing.js';

const podTemplate = (restartPolicy: string, labels?: Record<string, string>) => ({
  metadata: { creationTimestamp: null, ...(labels ? { labels } : {}) },
  spec: { ...POD_SPEC_DEFAULTS, restartPolicy, containers: [container({ name: 'pi', image: 'perl:5.34' }, 'IfNotPresent')] },
});

const cases: DefaultingCase[] = [
  {
    // The body `kubectl create job pi --image=perl:5.34` sends.
    name: 'kubectl create job',
    in: {
      kind: 'Job',
      apiVersion: 'batch/v1',
      metadata: { name: 'pi', creationTimestamp: null },
      spec: {
        template: {
          metadata: { creationTimestamp: null },
          spec: { containers: [{ name: 'pi', image: 'perl:5.34', resources: {} }], restartPolicy: 'Never' },
        },
      },
      status: {},
    },
    out: {
      kind: 'Job',
      apiVersion: 'batch/v1',
      metadata: { name: 'pi', creationTimestamp: null },
      spec: {
        completions: 1,
        parallelism: 1,
        backoffLimit: 6,
        completionMode: 'NonIndexed',
        suspend: false,
        podReplacementPolicy: 'TerminatingOrFailed',
        manualSelector: false,
        template: podTemplate('Never'),
      },
      status: {},
    },
  },
  {
    name: 'Job: labels from the template, parallel work queue, per-index backoff, pod failure policy',
    in: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi' },
      spec: {
        parallelism: 3,
        completionMode: 'Indexed',
        backoffLimitPerIndex: 1,
        podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
        template: { metadata: { labels: { app: 'pi' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } },
      },
    },
    out: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', labels: { app: 'pi' } },
      spec: {
        parallelism: 3,
        completionMode: 'Indexed',
        backoffLimitPerIndex: 1,
        backoffLimit: 2147483647,
        suspend: false,
        podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] },
        podReplacementPolicy: 'Failed',
        manualSelector: false,
        template: podTemplate('Never', { app: 'pi' }),
      },
    },
  },
  {
    name: 'Job: completions alone leaves parallelism 1; own labels kept',
    in: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', labels: { team: 'a' } },
      spec: { completions: 5, backoffLimit: 0, suspend: true, template: { metadata: { labels: { app: 'pi' } }, spec: { restartPolicy: 'OnFailure', containers: [{ name: 'pi', image: 'perl:5.34' }] } } },
    },
    out: {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', labels: { team: 'a' } },
      spec: {
        completions: 5,
        parallelism: 1,
        backoffLimit: 0,
        completionMode: 'NonIndexed',
        suspend: true,
        podReplacementPolicy: 'TerminatingOrFailed',
        manualSelector: false,
        template: podTemplate('OnFailure', { app: 'pi' }),
      },
    },
  },
  {
    name: 'CronJob: the job template gets only pod template defaults',
    in: {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick' },
      spec: {
        schedule: '*/1 * * * *',
        jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'pi', image: 'perl:5.34' }] } } } },
      },
    },
    out: {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick' },
      spec: {
        schedule: '*/1 * * * *',
        concurrencyPolicy: 'Allow',
        suspend: false,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 1,
        jobTemplate: { metadata: { creationTimestamp: null }, spec: { template: podTemplate('OnFailure') } },
      },
    },
  },
];

runDefaultingCases('batch', cases);
