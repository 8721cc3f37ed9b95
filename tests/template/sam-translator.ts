/**
 * Runs AWS's own SAM translator (the AWS::Serverless transform CloudFormation applies, as an offline Python
 * tool) over template.yaml. It is not part of this repository: SAM_TRANSLATE names its script, else it is
 * looked for at ../shared/tools/sam-translate/sam-translate beside the repository. It needs python3 with
 * pydantic, jsonschema, boto3 and PyYAML (Debian: python3-pydantic python3-jsonschema python3-boto3).
 * Where any of that is missing, `translatorUnavailable()` says why and the tests that need it skip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type JsonObject, type Resource, ROOT } from './cfn';

export const TRANSLATOR =
  process.env.SAM_TRANSLATE || path.resolve(ROOT, '..', 'shared', 'tools', 'sam-translate', 'sam-translate');

export interface Transformed {
  Resources: Record<string, Resource>;
  Mappings?: Record<string, Record<string, JsonObject>>;
  Outputs?: Record<string, JsonObject>;
  Conditions?: Record<string, unknown>;
}

export interface Translation {
  ok: boolean;
  /** The translator's report: resource counts and "OK: N CloudFormation resources", or its errors. */
  output: string;
  template?: Transformed;
}

function run(parameters: Record<string, string>): Translation {
  const dir = mkdtempSync(path.join(tmpdir(), 'sam-translate-'));
  const out = path.join(dir, 'transformed.json');
  try {
    const args = [TRANSLATOR, path.join(ROOT, 'template.yaml'), '--out', out];
    for (const [k, v] of Object.entries(parameters)) args.push('--param', `${k}=${v}`);
    const result = spawnSync('python3', args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
    const ok = result.status === 0 && existsSync(out);
    return { ok, output, template: ok ? (JSON.parse(readFileSync(out, 'utf8')) as Transformed) : undefined };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let probe: string | null | undefined;

/** Why the translator cannot run here, or null when it can. */
export function translatorUnavailable(): string | null {
  if (probe !== undefined) return probe;
  if (!existsSync(TRANSLATOR)) {
    probe = `no SAM translator at ${path.relative(ROOT, TRANSLATOR)} (set SAM_TRANSLATE to its script)`;
    return probe;
  }
  const check = spawnSync('python3', ['-c', 'import sys; print(sys.version_info[0])'], { encoding: 'utf8' });
  if (check.status !== 0) {
    probe = 'no python3 on PATH';
    return probe;
  }
  // The script reports missing packages itself (after retrying with the system python3).
  const first = translate({});
  probe = /needs python3-pydantic/.test(first.output)
    ? 'python3 lacks pydantic, jsonschema or boto3 (apt-get install python3-pydantic python3-jsonschema python3-boto3)'
    : null;
  return probe;
}

const cache = new Map<string, Translation>();

/** The template transformed under these parameters (cached per parameter set within a test file). */
export function translate(parameters: Record<string, string> = {}): Translation {
  const key = JSON.stringify(parameters);
  let result = cache.get(key);
  if (!result) {
    result = run(parameters);
    cache.set(key, result);
  }
  return result;
}

/** `describe` when the translator runs here, else `describe.skip` after printing one line saying why. */
export function describeWithTranslator(name: string, body: () => void): void {
  const reason = translatorUnavailable();
  if (reason) {
    console.log(`SKIPPED: ${name}: ${reason}`);
    describe.skip(`${name} (skipped: ${reason})`, () => body());
  } else {
    describe(name, () => body());
  }
}
