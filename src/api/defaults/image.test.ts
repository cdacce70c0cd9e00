import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultPullPolicy, imageTag } from './image.js';

const DIGEST = 'sha256:' + '0123456789abcdef'.repeat(4);

const cases: [image: unknown, tag: string | undefined, policy: string][] = [
  ['nginx', 'latest', 'Always'],
  ['nginx:latest', 'latest', 'Always'],
  ['nginx:1.27', '1.27', 'IfNotPresent'],
  ['library/nginx:1.27-alpine', '1.27-alpine', 'IfNotPresent'],
  ['docker.io/library/nginx', 'latest', 'Always'],
  ['index.docker.io/nginx:stable', 'stable', 'IfNotPresent'],
  ['registry.k8s.io/pause:3.10', '3.10', 'IfNotPresent'],
  ['localhost:5000/app', 'latest', 'Always'],
  ['localhost/app:v1', 'v1', 'IfNotPresent'],
  ['[::1]:5000/app:v2', 'v2', 'IfNotPresent'],
  ['ghcr.io/org/team/app:latest', 'latest', 'Always'],
  // A digest counts as a version: no tag, not "latest".
  [`nginx@${DIGEST}`, '', 'IfNotPresent'],
  [`nginx:latest@${DIGEST}`, 'latest', 'Always'],
  [`nginx:1.27@${DIGEST}`, '1.27', 'IfNotPresent'],
  // References Kubernetes cannot parse: IfNotPresent.
  ['NGINX', undefined, 'IfNotPresent'],
  ['nginx:', undefined, 'IfNotPresent'],
  ['nginx@sha256:abc', undefined, 'IfNotPresent'],
  ['nginx:latest@md5:' + 'a'.repeat(32), undefined, 'IfNotPresent'],
  ['0123456789abcdef'.repeat(4), undefined, 'IfNotPresent'],
  ['', undefined, 'IfNotPresent'],
  ['a'.repeat(256), undefined, 'IfNotPresent'],
  [undefined, undefined, 'IfNotPresent'],
  [42, undefined, 'IfNotPresent'],
];

for (const [image, tag, policy] of cases) {
  test(`image ${JSON.stringify(image)}`, () => {
    if (typeof image === 'string') assert.equal(imageTag(image), tag);
    assert.equal(defaultPullPolicy(image), policy);
  });
}
