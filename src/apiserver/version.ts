// The Kubernetes version kite implements and reports. kubectl's dispatcher picks the
// client matching this minor version, so it must name a real Kubernetes release.

export const KUBERNETES_MAJOR = '1';
export const KUBERNETES_MINOR = '32';
export const GIT_VERSION = `v${KUBERNETES_MAJOR}.${KUBERNETES_MINOR}.0+kite`;

export function versionInfo(): object {
  return {
    major: KUBERNETES_MAJOR,
    minor: KUBERNETES_MINOR,
    gitVersion: GIT_VERSION,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2026-01-01T00:00:00Z',
    goVersion: `node${process.versions.node}`,
    compiler: 'kite',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}
