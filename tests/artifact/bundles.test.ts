/**
 * The shipped artifacts, not the source: each built handler.js is loaded in a fresh Node process with the
 * built layer on NODE_PATH (as Lambda has /opt/nodejs/node_modules) and invoked with its events/ samples.
 * Builds first (npm run build's script) when .aws-sam/build is missing or older than the sources.
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { closePool } from '@amianai/shared/db';
import { useTestDatabase } from '../support/database';
import { loadTemplate, ROOT } from '../template/cfn';

const run = promisify(execFile);
const BUILD = path.join(ROOT, '.aws-sam', 'build');
const MANIFEST = path.join(BUILD, 'build-manifest.json');
// Lambda has no node_modules above /var/task; a copy outside the repository keeps Node from finding the
// workspace's source packages before NODE_PATH.
const RUN_DIR = mkdtempSync(path.join(os.tmpdir(), 'amianai-artifacts-'));
const LAYER_MODULES = path.join(RUN_DIR, 'SharedLayer', 'nodejs', 'node_modules');
const LAYER_PACKAGE = path.join(LAYER_MODULES, '@amianai', 'shared');
const INVOKER = path.join(__dirname, 'invoke-bundle.cjs');

// Strings only the pg driver and the OpenAI SDK contain.
const PG_MARKER = 'pg-native';
const OPENAI_MARKER = 'X-Stainless-Lang';

function folderOf(id: string): string {
  return id
    .replace(/Function$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

const functions = Object.entries(loadTemplate().Resources)
  .filter(([, r]) => r.Type === 'AWS::Serverless::Function')
  .map(([id]) => ({ id, folder: folderOf(id) }))
  .filter((f) => existsSync(path.join(ROOT, 'functions', f.folder, 'handler.ts')));

function eventsOf(folder: string): string[] {
  const dir = path.join(ROOT, 'events', folder);
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
}

function newestSourceTime(): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const entry of readdirSync(p)) if (entry !== 'node_modules') visit(path.join(p, entry));
    } else if (!/\.test\.ts$/.test(p)) newest = Math.max(newest, s.mtimeMs);
  };
  for (const p of [
    'layers/shared',
    'functions',
    'scripts/build.mjs',
    'scripts/build-all.mjs',
    'Makefile',
    'template.yaml',
  ]) {
    visit(path.join(ROOT, p));
  }
  return newest;
}

function buildIsCurrent(): boolean {
  if (!existsSync(MANIFEST)) return false;
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as {
    builtAt: string;
    artifacts: { id: string }[];
  };
  const built = new Set(manifest.artifacts.map((a) => a.id));
  if (!built.has('SharedLayer') || functions.some((f) => !built.has(f.id))) return false;
  return Date.parse(manifest.builtAt) >= newestSourceTime();
}

interface Invocation {
  ok: boolean;
  result?: unknown;
  error?: { name?: string; message?: string; stack?: string };
  loaded: string[];
}

const db = useTestDatabase();

beforeAll(async () => {
  // Only the child processes talk to the database from here on.
  await closePool();
  if (!buildIsCurrent()) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-all.mjs'), '--skip-missing'], {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 300_000,
    });
  }
  cpSync(BUILD, RUN_DIR, { recursive: true });
}, 320_000);

afterAll(() => {
  rmSync(RUN_DIR, { recursive: true, force: true });
});

async function invoke(
  folder: string,
  eventFile: string,
  extraEnv: Record<string, string> = {},
): Promise<Invocation> {
  const { stdout } = await run(
    process.execPath,
    [INVOKER, path.join(RUN_DIR, functions.find((f) => f.folder === folder)!.id, 'handler.js'), eventFile],
    {
      cwd: RUN_DIR,
      timeout: 60_000,
      maxBuffer: 16 * 1024 * 1024,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_PATH: LAYER_MODULES,
        NODE_OPTIONS: '--enable-source-maps',
        STAGE: 'test',
        DATABASE_URL: db.url,
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        POWERTOOLS_METRICS_DISABLED: 'true',
        POWERTOOLS_TRACE_ENABLED: 'false',
        ...extraEnv,
      },
    },
  );
  const line = stdout.split('\n').find((l) => l.startsWith('@@RESULT '));
  if (!line) throw new Error(`no result from the bundle; output:\n${stdout}`);
  return JSON.parse(line.slice('@@RESULT '.length)) as Invocation;
}

function expectApiResponse(result: unknown) {
  expect(result).toEqual(
    expect.objectContaining({ statusCode: expect.any(Number), body: expect.any(String) }),
  );
  const { statusCode, body, headers } = result as {
    statusCode: number;
    body: string;
    headers?: Record<string, string>;
  };
  const json = JSON.parse(body) as Record<string, unknown>;
  expect(json).toEqual(expect.any(Object));
  // A sample event is a valid request: a 5xx here means the shipped artifact is broken.
  expect(statusCode).toBeLessThan(500);
  if (statusCode >= 400) expect(json.error).toEqual(expect.objectContaining({ code: expect.any(String) }));
  expect(Object.keys(headers ?? {}).map((h) => h.toLowerCase())).toContain('content-type');
}

describe('the built layer', () => {
  it('maps every subpath export of @amianai/shared to a bundled file', () => {
    const source = JSON.parse(readFileSync(path.join(ROOT, 'layers', 'shared', 'package.json'), 'utf8')) as {
      exports: Record<string, string>;
    };
    const built = JSON.parse(readFileSync(path.join(LAYER_PACKAGE, 'package.json'), 'utf8')) as {
      name: string;
      exports: Record<string, string>;
    };
    expect(built.name).toBe('@amianai/shared');
    for (const subpath of Object.keys(source.exports)) {
      expect(built.exports[subpath]).toBe(`${subpath}/index.js`);
      expect(existsSync(path.join(LAYER_PACKAGE, built.exports[subpath]!))).toBe(true);
    }
  });

  it('carries every SQL migration next to the db module', () => {
    const sql = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.sql'));
    const source = sql(path.join(ROOT, 'layers', 'shared', 'src', 'db', 'migrations'));
    expect(source.length).toBeGreaterThan(0);
    expect(sql(path.join(LAYER_PACKAGE, 'db', 'migrations'))).toEqual(source);
  });

  it('bundles the third-party code (no node_modules of its own besides @amianai/shared)', () => {
    expect(readdirSync(LAYER_MODULES)).toEqual(['@amianai']);
    expect(readFileSync(path.join(LAYER_PACKAGE, 'db', 'index.js'), 'utf8')).toContain(PG_MARKER);
  });
});

describe.each(functions)('$id bundle', ({ folder }) => {
  const handlerFile = () => path.join(RUN_DIR, functions.find((f) => f.folder === folder)!.id, 'handler.js');
  const events = eventsOf(folder);

  it('has at least one sample event in events/', () => {
    expect(events.length).toBeGreaterThan(0);
  });

  it('keeps @amianai/shared, pg and openai out of the bundle', () => {
    const code = readFileSync(handlerFile(), 'utf8');
    expect(code).toMatch(/require\("@amianai\/shared\/\w+"\)/);
    expect(code).not.toContain(PG_MARKER);
    expect(code).not.toContain(OPENAI_MARKER);
    expect(existsSync(`${handlerFile()}.map`)).toBe(true);
  });

  it.each(events.length ? events : ['(none)'])('answers %s', async (file) => {
    if (file === '(none)') return;
    const eventFile = path.join(ROOT, 'events', folder, file);
    const event = JSON.parse(readFileSync(eventFile, 'utf8')) as Record<string, unknown>;
    const out = await invoke(folder, eventFile);
    if (!out.ok) throw new Error(`handler threw: ${out.error?.stack ?? out.error?.message}`);
    if ('httpMethod' in event) expectApiResponse(out.result);
    else if (Array.isArray(event.Records)) {
      expect(out.result).toEqual({ batchItemFailures: expect.any(Array) });
    } else expect(out.result).toEqual(expect.any(Object));
  });
});

describe('cold-start weight', () => {
  const hasHealth = functions.some((f) => f.folder === 'health');

  (hasHealth ? it : it.skip)('loads neither pg nor openai for the health function', async () => {
    const out = await invoke('health', path.join(ROOT, 'events', 'health', eventsOf('health')[0]!));
    expect(out.ok).toBe(true);
    const loaded = out.loaded.filter((f) => f.startsWith('@amianai/shared/'));
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded).not.toContain('@amianai/shared/db/index.js');
    expect(loaded).not.toContain('@amianai/shared/ai/index.js');
    for (const file of loaded) {
      const code = readFileSync(path.join(LAYER_MODULES, file), 'utf8');
      expect({ file, pg: code.includes(PG_MARKER), openai: code.includes(OPENAI_MARKER) }).toEqual({
        file,
        pg: false,
        openai: false,
      });
    }
  });
});
