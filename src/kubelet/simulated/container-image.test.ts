import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { containerID, imageID, normalizeImage } from './container-image.js';

describe('normalizeImage', () => {
  const cases: [string, string][] = [
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['bitnami/redis', 'docker.io/bitnami/redis:latest'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
    ['localhost/app', 'localhost/app:latest'],
    ['localhost:5000/app:v1', 'localhost:5000/app:v1'],
    ['busybox@sha256:abcd', 'docker.io/library/busybox@sha256:abcd'],
  ];
  for (const [image, want] of cases) it(`${image} -> ${want}`, () => assert.equal(normalizeImage(image), want));
});

describe('imageID', () => {
  it('is the repository with a digest, stable per image', () => {
    const id = imageID('nginx:1.27');
    assert.match(id, /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    assert.equal(imageID('docker.io/library/nginx:1.27'), id);
    assert.notEqual(imageID('nginx:1.26'), id);
  });

  it('keeps a digest the reference names', () => {
    assert.equal(imageID('busybox@sha256:abcd'), 'docker.io/library/busybox@sha256:abcd');
  });
});

describe('containerID', () => {
  it('is sim:// and 64 hex digits, stable per pod and container', () => {
    assert.match(containerID('uid-1', 'web'), /^sim:\/\/[0-9a-f]{64}$/);
    assert.equal(containerID('uid-1', 'web'), containerID('uid-1', 'web'));
    assert.notEqual(containerID('uid-1', 'web'), containerID('uid-2', 'web'));
  });
});
