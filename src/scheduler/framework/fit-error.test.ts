import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Diagnosis, fitErrorMessage } from './fit-error.js';
import { Snapshot } from '../cache/snapshot.js';
import { NodeInfo } from './node-info.js';
import { Code, Status } from './status.js';

describe('FitError message (kube-scheduler 1.32 format)', () => {
  test('a histogram of node reasons, sorted as strings', () => {
    const d = new Diagnosis();
    const cpu = Status.unschedulable('Insufficient cpu');
    const taint = Status.unresolvable('node(s) had untolerated taint {dedicated: infra}');
    for (const n of ['a', 'b', 'c']) d.nodeToStatus.set(n, cpu);
    for (const n of ['d', 'e']) d.nodeToStatus.set(n, taint);
    assert.equal(fitErrorMessage(5, d), '0/5 nodes are available: 2 node(s) had untolerated taint {dedicated: infra}, 3 Insufficient cpu.');
  });

  test('every reason of a node counts', () => {
    const d = new Diagnosis();
    d.nodeToStatus.set('a', Status.unschedulable('Insufficient cpu', 'Insufficient memory'));
    d.nodeToStatus.set('b', Status.unschedulable('Insufficient memory'));
    assert.equal(fitErrorMessage(2, d), '0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory.');
  });

  test('nodes left out by a PreFilter result count with the absent-node status', () => {
    const d = new Diagnosis();
    d.nodeToStatus.absentNodesStatus = Status.unresolvable("node(s) didn't satisfy plugin(s) [NodeAffinity]");
    d.nodeToStatus.set('a', Status.unschedulable('Insufficient cpu'));
    assert.equal(fitErrorMessage(4, d), "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  });

  test('a PreFilter rejection replaces the histogram', () => {
    const d = new Diagnosis();
    d.preFilterMsg = 'pod affinity terms conflict';
    d.nodeToStatus.absentNodesStatus = Status.unresolvable('pod affinity terms conflict');
    assert.equal(fitErrorMessage(3, d), '0/3 nodes are available: pod affinity terms conflict.');
  });

  test('a PostFilter message is appended as " %v." (two periods after preemption\'s own)', () => {
    const d = new Diagnosis();
    d.nodeToStatus.set('a', Status.unschedulable('Insufficient cpu'));
    d.postFilterMsg = 'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.';
    assert.equal(fitErrorMessage(1, d), '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..');
    d.postFilterMsg = 'preemption: not eligible due to preemptionPolicy=Never.';
    assert.equal(fitErrorMessage(1, d), '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never..');
  });

  test('nodesForStatusCode: listed nodes with the code, and absent ones when their status has it', () => {
    const nodes = ['a', 'b', 'c'].map((n) => new NodeInfo(n));
    const lister = Snapshot.fromNodeInfos(nodes);
    const d = new Diagnosis();
    d.nodeToStatus.set('a', Status.unschedulable('Insufficient cpu'));
    d.nodeToStatus.set('b', Status.unresolvable('taint'));
    assert.deepEqual(d.nodeToStatus.nodesForStatusCode(lister, Code.Unschedulable).map((n) => n.name), ['a']);
    d.nodeToStatus.absentNodesStatus = Status.unschedulable('anti-affinity');
    assert.deepEqual(d.nodeToStatus.nodesForStatusCode(lister, Code.Unschedulable).map((n) => n.name), ['a', 'c']);
  });

  test('numbers sort as strings, as Go sorts them', () => {
    const d = new Diagnosis();
    for (let i = 0; i < 10; i++) d.nodeToStatus.set(`c${i}`, Status.unschedulable('Insufficient cpu'));
    for (let i = 0; i < 2; i++) d.nodeToStatus.set(`m${i}`, Status.unschedulable('Insufficient memory'));
    assert.equal(fitErrorMessage(12, d), '0/12 nodes are available: 10 Insufficient cpu, 2 Insufficient memory.');
  });
});
