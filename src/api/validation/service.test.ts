import { describe } from 'node:test';

import { service } from './fixtures.js';
import { at, createCases, updateCases, type Case } from './testing.js';

const spec = (o: unknown) => at(o, 'spec');
const port0 = (o: unknown) => at(o, 'spec', 'ports', 0);

describe('Service create', () => {
  const cases: Case[] = [
    ['valid', () => {}, []],
    ['ports required', (o) => (spec(o).ports = []), ['spec.ports: Required value']],
    [
      'headless without ports',
      (o) => {
        spec(o).ports = [];
        spec(o).clusterIP = 'None';
        spec(o).clusterIPs = ['None'];
      },
      [],
    ],
    [
      'port out of range',
      (o) => (port0(o).port = 0),
      ['spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive'],
    ],
    [
      'port names required when several',
      (o) => (spec(o).ports = [{ protocol: 'TCP', port: 80, targetPort: 80 }, { name: 'b', protocol: 'TCP', port: 81, targetPort: 81 }]),
      ['spec.ports[0].name: Required value'],
    ],
    [
      'duplicate port names',
      (o) => (spec(o).ports = [{ name: 'a', protocol: 'TCP', port: 80, targetPort: 80 }, { name: 'a', protocol: 'TCP', port: 81, targetPort: 81 }]),
      ['spec.ports[1].name: Duplicate value: "a"'],
    ],
    [
      'protocol',
      (o) => (port0(o).protocol = 'HTTP'),
      ['spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    ],
    [
      'type',
      (o) => (spec(o).type = 'Magic'),
      ['spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
    ],
    [
      'nodePort on ClusterIP',
      (o) => (port0(o).nodePort = 30080),
      ['spec.ports[0].nodePort: Forbidden: may not be used when `type` is \'ClusterIP\''],
    ],
    [
      'clusterIP not an IP',
      (o) => {
        spec(o).clusterIP = '10.0.0';
        spec(o).clusterIPs = ['10.0.0'];
      },
      ['spec.clusterIPs[0]: Invalid value: "10.0.0": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
    ],
    [
      'sessionAffinity',
      (o) => (spec(o).sessionAffinity = 'Sticky'),
      ['spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"'],
    ],
    [
      'selector label value',
      (o) => (spec(o).selector = { app: 'a b' }),
      [
        "spec.selector: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      ],
    ],
    [
      'name must be a DNS-1035 label',
      (o) => (at(o, 'metadata').name = '1web'),
      [
        "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
  ];
  createCases(service, cases);
});

describe('Service update', () => {
  const cases: Case[] = [
    ['unchanged', () => {}, []],
    ['ports may change', (o) => (port0(o).port = 81), []],
    [
      'clusterIP immutable',
      (o) => {
        spec(o).clusterIP = '10.96.0.11';
        spec(o).clusterIPs = ['10.96.0.11'];
      },
      [
        'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set',
      ],
    ],
  ];
  updateCases(service, cases);
});
