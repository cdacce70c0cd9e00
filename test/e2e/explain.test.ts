// `kubectl explain` against kite prints kite's own descriptions (src/api/openapi/
// descriptions*.ts) for kinds and fields: through /openapi/v3 with the current kubectl and
// with kubectl 1.27, and through /openapi/v2 (the gnostic protobuf) with kubectl 1.27's
// --output=plaintext-openapiv2. Before, every description printed as <empty>.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Schema } from '../../src/api/openapi/definitions.js';
import { describedDefinitions } from '../../src/api/openapi/descriptions.js';
import { type KiteProcess, startKite } from './harness.js';

const KUBECTL_127 = '/usr/lib/google-cloud-sdk/bin/kubectl.1.27';
const DEFS = describedDefinitions();
const CORE = 'io.k8s.api.core.v1.';

let kite: KiteProcess;
before(async () => {
  kite = await startKite({ storage: 'memory' });
});
after(() => kite.stop());

/** kubectl wraps and indents descriptions; compare with whitespace collapsed. */
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

function text(definition: string, property?: string): string {
  const s = DEFS[definition];
  assert.ok(s, definition);
  const t = property ? ((s.properties as Record<string, Schema>)[property]?.description as string | undefined) : (s.description as string | undefined);
  assert.ok(t, `${definition} ${property ?? ''} has no description`);
  return t;
}

function assertPrints(out: string, expected: string, what: string): void {
  assert.ok(flat(out).includes(flat(expected)), `${what}: expected the text\n  ${expected}\nin:\n${out}`);
}

function assertNoEmptyDescriptions(out: string): void {
  assert.doesNotMatch(out, /<empty>/);
  assert.doesNotMatch(out, /<no description>/);
}

/** The field lines of an explain output: "name<TAB><type>", with their indentation. */
function fieldLines(out: string): string[] {
  return out.split('\n').filter((l) => /^\s+[A-Za-z$][\w$-]*\t</.test(l));
}

const fieldNames = (out: string) => fieldLines(out).map((l) => l.trim().split('\t')[0]);

interface Explainer {
  /** Runs `kubectl explain ARGS` and returns stdout. */
  explain(args: string[]): Promise<string>;
  /** Whether the client renders from /openapi/v2 (types as <Object>, not <Container>). */
  readonly v2: boolean;
}

function explainTests(name: string, make: () => Explainer, skip: string | false = false): void {
  describe(name, { skip }, () => {
    let k: Explainer;
    before(() => {
      k = make();
    });

    test('kubectl explain deployment: the kind and its top-level fields', async () => {
      const out = await k.explain(['deployment']);
      assert.match(out, /KIND:\s+Deployment/);
      assert.match(out, k.v2 ? /VERSION:\s+apps\/v1/ : /GROUP:\s+apps[\s\S]*VERSION:\s+v1/);
      assertNoEmptyDescriptions(out);
      assertPrints(out, text('io.k8s.api.apps.v1.Deployment'), 'Deployment');
      assert.deepEqual(fieldNames(out), ['apiVersion', 'kind', 'metadata', 'spec', 'status']);
      for (const f of ['apiVersion', 'kind', 'metadata', 'spec', 'status']) assertPrints(out, text('io.k8s.api.apps.v1.Deployment', f), `Deployment.${f}`);
    });

    test('kubectl explain pod.spec.containers: the field, its type and every container field', async () => {
      const out = await k.explain(['pod.spec.containers']);
      assert.match(out, /KIND:\s+Pod/);
      assert.match(out, k.v2 ? /RESOURCE: containers <\[\]Object>/ : /FIELD: containers <\[\]Container>/);
      assertNoEmptyDescriptions(out);
      // The field's own text, then the Container type's.
      assertPrints(out, text(`${CORE}PodSpec`, 'containers'), 'PodSpec.containers');
      assertPrints(out, text(`${CORE}Container`), 'Container');
      const container = DEFS[`${CORE}Container`].properties as Record<string, Schema>;
      assert.deepEqual(fieldNames(out), Object.keys(container).sort());
      for (const f of Object.keys(container)) assertPrints(out, text(`${CORE}Container`, f), `Container.${f}`);
      assert.match(out, /name\t<string> -required-/);
      assert.match(out, k.v2 ? /ports\t<\[\]Object>/ : /ports\t<\[\]ContainerPort>/);
    });

    test('kubectl explain pod.spec.containers --recursive: the whole field tree, no per-field texts', async () => {
      const out = await k.explain(['pod.spec.containers', '--recursive']);
      assertNoEmptyDescriptions(out);
      assertPrints(out, text(`${CORE}PodSpec`, 'containers'), 'PodSpec.containers');
      const lines = fieldLines(out);
      const indent = (l: string) => l.length - l.trimStart().length;
      const at = (path: string[]) => {
        // Finds path[0] at the top level, then each next name nested below the previous one.
        let from = 0;
        let depth = -1;
        for (const part of path) {
          const i = lines.findIndex((l, j) => j >= from && l.trim().startsWith(`${part}\t`) && indent(l) > depth);
          assert.ok(i >= 0, `no ${path.join('.')} in:\n${out}`);
          depth = indent(lines[i]);
          from = i + 1;
        }
      };
      at(['env', 'valueFrom', 'secretKeyRef', 'key']);
      at(['livenessProbe', 'httpGet', 'port']);
      at(['securityContext', 'capabilities', 'add']);
      at(['resources', 'limits']);
      at(['volumeMounts', 'mountPath']);
      at(['lifecycle', 'preStop', 'exec', 'command']);
      // Every Container field is listed at the first level.
      const top = Math.min(...lines.map(indent));
      const firstLevel = lines.filter((l) => indent(l) === top).map((l) => l.trim().split('\t')[0]);
      assert.deepEqual(firstLevel, Object.keys(DEFS[`${CORE}Container`].properties as object).sort());
      // --recursive prints names and types only.
      assert.ok(!flat(out).includes(flat(text(`${CORE}Container`, 'imagePullPolicy'))));
    });

    test('kubectl explain service.spec.type: the allowed values and the default', async () => {
      const out = await k.explain(['service.spec.type']);
      assert.match(out, /KIND:\s+Service/);
      assert.match(out, /FIELD:\s+type <string>/);
      assertNoEmptyDescriptions(out);
      assertPrints(out, text(`${CORE}ServiceSpec`, 'type'), 'ServiceSpec.type');
      for (const v of ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']) assert.match(out, new RegExp(v));
      assert.match(out, /default/);
    });

    test('kubectl explain of a nested field and of another group (deployment.spec.strategy, ingress.spec.rules)', async () => {
      const strategy = await k.explain(['deployment.spec.strategy']);
      assertNoEmptyDescriptions(strategy);
      assertPrints(strategy, text('io.k8s.api.apps.v1.DeploymentStrategy', 'type'), 'DeploymentStrategy.type');
      const rules = await k.explain(['ingress.spec.rules']);
      assertNoEmptyDescriptions(rules);
      assertPrints(rules, text('io.k8s.api.networking.v1.IngressRule', 'host'), 'IngressRule.host');
    });
  });
}

explainTests('kubectl (OpenAPI v3)', () => ({ v2: false, explain: (args) => kite.k(['explain', ...args]) }));

const have127 = existsSync(KUBECTL_127) ? false : `${KUBECTL_127} not found`;
const cacheDirs: string[] = [];
after(() => {
  for (const d of cacheDirs) rmSync(d, { recursive: true, force: true });
});

/** kubectl 1.27 with its own discovery cache; `extra` selects the renderer. */
function kubectl127(extra: string[]): (args: string[]) => Promise<string> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'kite-kubectl127-cache-'));
  cacheDirs.push(cacheDir);
  return async (args) => {
    const r = await kite.kubectl(['explain', ...args, ...extra], { kubectl: KUBECTL_127, cacheDir });
    if (r.code !== 0) throw new Error(`kubectl 1.27 explain ${args.join(' ')} failed (${r.code}):\n${r.stderr}${r.stdout}`);
    return r.stdout;
  };
}

explainTests('kubectl 1.27 (OpenAPI v3)', () => ({ v2: false, explain: kubectl127([]) }), have127);
explainTests('kubectl 1.27 --output=plaintext-openapiv2 (OpenAPI v2, gnostic protobuf)', () => ({ v2: true, explain: kubectl127(['--output=plaintext-openapiv2']) }), have127);
