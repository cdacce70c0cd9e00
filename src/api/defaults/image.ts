// A container image's default pull policy, decided as Kubernetes 1.32 decides it: the image
// is parsed as a normalized Docker reference; `Always` when its tag is "latest" (an image with
// neither tag nor digest counts as "latest"), `IfNotPresent` otherwise — including when the
// reference does not parse at all, so a malformed image never makes defaulting fail.

// The reference grammar of github.com/distribution/reference, which Kubernetes vendors.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE_RE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const IDENTIFIER_RE = /^[a-f0-9]{64}$/;
const NAME_TOTAL_LENGTH_MAX = 255;

/** The digest algorithms a reference may name, with their hex lengths. */
const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

const DEFAULT_DOMAIN = 'docker.io';

export type PullPolicy = 'Always' | 'IfNotPresent';

/**
 * The tag Kubernetes' ParseImageName reports: the explicit tag, "latest" when the reference
 * has neither tag nor digest, '' when it has only a digest; undefined when it does not parse.
 */
export function imageTag(image: string): string | undefined {
  if (IDENTIFIER_RE.test(image)) return undefined;
  const [domain, remainder] = splitDomain(image);
  const tagSep = remainder.indexOf(':');
  const remote = tagSep >= 0 ? remainder.slice(0, tagSep) : remainder;
  if (remote.toLowerCase() !== remote) return undefined;
  const m = REFERENCE_RE.exec(`${domain}/${remainder}`);
  if (!m || m[1]!.length > NAME_TOTAL_LENGTH_MAX) return undefined;
  const tag = m[2] ?? '';
  const digest = m[3];
  if (digest !== undefined && !validDigest(digest)) return undefined;
  return tag === '' && digest === undefined ? 'latest' : tag;
}

/** The imagePullPolicy Kubernetes fills in for an image that has none. */
export function defaultPullPolicy(image: unknown): PullPolicy {
  return typeof image === 'string' && imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}

function splitDomain(name: string): [string, string] {
  const i = name.indexOf('/');
  let domain: string;
  let remainder: string;
  const first = i < 0 ? '' : name.slice(0, i);
  if (i < 0 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    domain = DEFAULT_DOMAIN;
    remainder = name;
  } else {
    domain = first;
    remainder = name.slice(i + 1);
  }
  if (domain === 'index.docker.io') domain = DEFAULT_DOMAIN;
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = `library/${remainder}`;
  return [domain, remainder];
}

function validDigest(digest: string): boolean {
  const sep = digest.indexOf(':');
  const length = DIGEST_HEX_LENGTH[digest.slice(0, sep)];
  return length !== undefined && new RegExp(`^[a-f0-9]{${length}}$`).test(digest.slice(sep + 1));
}
