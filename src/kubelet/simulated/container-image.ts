// Image references as a container runtime reports them in a container's status: `image` is
// the fully qualified reference (Docker's normalization: "nginx" -> "docker.io/library/
// nginx:latest"), `imageID` the repository with a digest. A simulated runtime pulls nothing,
// so the digest is derived from the reference: stable for the same image, different for
// different ones. Container IDs are likewise derived from the pod's uid and container name.

import { createHash } from 'node:crypto';

export const CONTAINER_ID_SCHEME = 'sim';

/** distribution/reference's ParseNormalizedNamed + TagNameOnly, without validation. */
export function normalizeImage(image: string): string {
  const [name, digest] = splitDigest(image);
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const hasDomain = first.includes('.') || first.includes(':') || first === 'localhost';
  let qualified = hasDomain ? name : `docker.io/${slash < 0 ? `library/${name}` : name}`;
  if (!digest && !hasTag(qualified)) qualified += ':latest';
  return digest ? `${qualified}@${digest}` : qualified;
}

/** The image ID a runtime would report: repository@sha256:<digest>. */
export function imageID(image: string): string {
  const normalized = normalizeImage(image);
  const [name, digest] = splitDigest(normalized);
  const repository = hasTag(name) ? name.slice(0, name.lastIndexOf(':')) : name;
  return `${repository}@${digest ?? `sha256:${sha256(normalized)}`}`;
}

/** sim://<64 hex digits>, stable for a pod's container. */
export function containerID(podUID: string, containerName: string): string {
  return `${CONTAINER_ID_SCHEME}://${sha256(`${podUID}/${containerName}`)}`;
}

function splitDigest(ref: string): [string, string | undefined] {
  const at = ref.indexOf('@');
  return at < 0 ? [ref, undefined] : [ref.slice(0, at), ref.slice(at + 1)];
}

function hasTag(name: string): boolean {
  return name.lastIndexOf(':') > name.lastIndexOf('/');
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}
