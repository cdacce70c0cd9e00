import { describe } from 'node:test';

import { cronJob, job } from './fixtures.js';
import { at, createCases, updateCases, type Case } from './testing.js';

const spec = (o: unknown) => at(o, 'spec');
const podSpec = (o: unknown) => at(o, 'spec', 'template', 'spec');

describe('Job create', () => {
  const cases: Case[] = [
    ['valid', () => {}, []],
    [
      'template restartPolicy Always',
      (o) => (podSpec(o).restartPolicy = 'Always'),
      ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ],
    ['OnFailure allowed', (o) => (podSpec(o).restartPolicy = 'OnFailure'), []],
    ['negative parallelism', (o) => (spec(o).parallelism = -1), ['spec.parallelism: Invalid value: -1: must be greater than or equal to 0']],
    ['negative completions', (o) => (spec(o).completions = -1), ['spec.completions: Invalid value: -1: must be greater than or equal to 0']],
    ['negative backoffLimit', (o) => (spec(o).backoffLimit = -1), ['spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0']],
    [
      'negative activeDeadlineSeconds',
      (o) => (spec(o).activeDeadlineSeconds = -1),
      ['spec.activeDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'completionMode',
      (o) => (spec(o).completionMode = 'Sometimes'),
      ['spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"'],
    ],
    [
      'Indexed needs completions',
      (o) => {
        spec(o).completionMode = 'Indexed';
        delete spec(o).completions;
      },
      ['spec.completions: Required value: when completion mode is Indexed'],
    ],
  ];
  createCases(job, cases);
});

describe('Job update', () => {
  const cases: Case[] = [
    ['unchanged', () => {}, []],
    ['parallelism may change', (o) => (spec(o).parallelism = 3), []],
    ['suspend may change', (o) => (spec(o).suspend = true), []],
    [
      'completions immutable',
      (o) => (spec(o).completions = 2),
      ['spec.completions: Invalid value: 2: field is immutable'],
    ],
  ];
  updateCases(job, cases);
});

describe('CronJob create', () => {
  const jobPodSpec = (o: unknown) => at(o, 'spec', 'jobTemplate', 'spec', 'template', 'spec');
  const cases: Case[] = [
    ['valid', () => {}, []],
    ['@hourly', (o) => (spec(o).schedule = '@hourly'), []],
    ['schedule required', (o) => (spec(o).schedule = ''), ['spec.schedule: Required value']],
    [
      'schedule with too few fields',
      (o) => (spec(o).schedule = '* * *'),
      ['spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]'],
    ],
    [
      'schedule out of range',
      (o) => (spec(o).schedule = '61 * * * *'),
      ['spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61'],
    ],
    [
      'TZ in schedule',
      (o) => (spec(o).schedule = 'TZ=UTC * * * * *'),
      ['spec.schedule: Invalid value: "TZ=UTC * * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead'],
    ],
    [
      'unknown timeZone',
      (o) => (spec(o).timeZone = 'Mars/Olympus'),
      ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus'],
    ],
    ['known timeZone', (o) => (spec(o).timeZone = 'Europe/Paris'), []],
    [
      'concurrencyPolicy',
      (o) => (spec(o).concurrencyPolicy = 'Sometimes'),
      ['spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"'],
    ],
    [
      'job template restartPolicy',
      (o) => (jobPodSpec(o).restartPolicy = 'Always'),
      ['spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ],
    [
      'name too long',
      (o) => (at(o, 'metadata').name = 'a'.repeat(53)),
      [`metadata.name: Invalid value: "${'a'.repeat(53)}": must be no more than 52 characters`],
    ],
  ];
  createCases(cronJob, cases);
});
