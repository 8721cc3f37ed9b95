#!/usr/bin/env node
/**
 * Builds one deployable artifact into a directory, exactly as `sam build` ships it (the Makefile's
 * `build-<LogicalId>` targets call this with $(ARTIFACTS_DIR)):
 *
 *   node scripts/build.mjs layer <artifactsDir>
 *     → nodejs/node_modules/@amianai/shared/<subpath>/index.js for every subpath export, each bundled with
 *       the third-party code it uses, plus a package.json mapping the subpaths and the SQL migrations.
 *   node scripts/build.mjs function <folder> <artifactsDir>
 *     → handler.js (+ .map) from functions/<folder>/handler.ts, with @amianai/shared left external.
 *
 * Output is CommonJS for Node 20 (local machines) which nodejs24.x also runs.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LAYER_DIR = path.join(ROOT, 'layers', 'shared');
const LAYER_SRC = path.join(LAYER_DIR, 'src');
const PACKAGE = '@amianai/shared';

// Optional native or platform-specific modules that libraries probe for and do without.
const OPTIONAL_NATIVES = ['pg-native', 'cloudflare:sockets', 'bufferutil', 'utf-8-validate'];

const COMMON = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  keepNames: true,
  sourcemap: true,
  sourcesContent: false,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  // Prefer CommonJS builds of dual packages so `__dirname`/`require` keep their meaning.
  mainFields: ['main', 'module'],
  tsconfig: path.join(ROOT, 'tsconfig.base.json'),
};

/** Subpath → entry file, from the layer's package.json `exports` (the single source of truth). */
export function layerSubpaths() {
  const pkg = JSON.parse(readFileSync(path.join(LAYER_DIR, 'package.json'), 'utf8'));
  return Object.entries(pkg.exports ?? {}).map(([key, target]) => ({
    name: key.replace(/^\.\//, ''),
    entry: path.join(LAYER_DIR, typeof target === 'string' ? target : target.default),
  }));
}

function resolveSource(fromDir, spec) {
  const base = path.resolve(fromDir, spec);
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.js`,
    path.join(base, 'index.ts'),
    path.join(base, 'index.js'),
  ]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

function readdirSafe(p) {
  try {
    return readdirSync(p);
  } catch {
    return null;
  }
}

/**
 * Layer modules become separate files wherever two bundles would otherwise each inline a copy: every subpath
 * entry, plus any layer source file that more than one bundle reaches (found by iterating to a fixpoint).
 * So singletons (config, pool, logger) and error classes exist once, and a subpath loads only the files it
 * imports: `http` can use `db/errors` without pulling pg.
 */
function splitModulesPlugin(self, modules) {
  return {
    name: 'layer-split-modules',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (!args.importer.startsWith(LAYER_SRC)) return undefined;
        const target = resolveSource(args.resolveDir, args.path);
        if (!target || target === self || !modules.has(target)) return undefined;
        let rel = path
          .relative(path.dirname(modules.get(self)), modules.get(target))
          .split(path.sep)
          .join('/');
        if (!rel.startsWith('.')) rel = `./${rel}`;
        return { path: rel, external: true };
      });
    },
  };
}

async function bundleLayerModules(pkgDir, subpaths) {
  // entry file → output file
  const modules = new Map(subpaths.map((s) => [s.entry, path.join(pkgDir, s.name, 'index.js')]));
  for (;;) {
    const results = new Map();
    const inlinedBy = new Map();
    for (const [entry, outfile] of modules) {
      const result = await esbuild.build({
        ...COMMON,
        absWorkingDir: ROOT,
        entryPoints: [entry],
        outfile,
        write: false,
        external: OPTIONAL_NATIVES,
        plugins: [splitModulesPlugin(entry, modules)],
      });
      results.set(entry, result);
      for (const input of Object.keys(result.metafile.inputs)) {
        const file = path.resolve(ROOT, input);
        if (!file.startsWith(LAYER_SRC) || file === entry) continue;
        inlinedBy.set(file, (inlinedBy.get(file) ?? 0) + 1);
      }
    }
    const shared = [...inlinedBy].filter(([file, count]) => count > 1 && !modules.has(file));
    if (shared.length === 0) return results;
    for (const [file] of shared) {
      const rel = path.relative(LAYER_SRC, file).replace(/\.(ts|js)$/, '.js');
      modules.set(file, path.join(pkgDir, '_internal', rel));
    }
  }
}

function cleanDir(dir) {
  const abs = path.resolve(dir);
  if (abs === ROOT || abs === path.parse(abs).root) throw new Error(`refusing to clean ${abs}`);
  rmSync(abs, { recursive: true, force: true });
  mkdirSync(abs, { recursive: true });
  return abs;
}

function bundleExternals(metafile) {
  const externals = new Set();
  for (const input of Object.values(metafile.inputs)) {
    for (const imp of input.imports) if (imp.external) externals.add(imp.path);
  }
  return [...externals].sort();
}

export async function buildLayer(artifactsDir) {
  const out = cleanDir(artifactsDir);
  const pkgDir = path.join(out, 'nodejs', 'node_modules', ...PACKAGE.split('/'));
  const subpaths = layerSubpaths();
  const missing = subpaths.filter((s) => !existsSync(s.entry));
  if (missing.length) throw new Error(`layer entries missing: ${missing.map((s) => s.entry).join(', ')}`);

  const results = await bundleLayerModules(pkgDir, subpaths);
  for (const result of results.values()) {
    for (const file of result.outputFiles) {
      mkdirSync(path.dirname(file.path), { recursive: true });
      writeFileSync(file.path, file.contents);
    }
  }

  const version = JSON.parse(readFileSync(path.join(LAYER_DIR, 'package.json'), 'utf8')).version;
  const exportsMap = Object.fromEntries(subpaths.map((s) => [`./${s.name}`, `./${s.name}/index.js`]));
  exportsMap['./package.json'] = './package.json';
  writeFileSync(
    path.join(pkgDir, 'package.json'),
    `${JSON.stringify({ name: PACKAGE, version, private: true, type: 'commonjs', exports: exportsMap }, null, 2)}\n`,
  );

  // The db module reads its migrations from path.join(__dirname, 'migrations') at run time.
  const migrationsSrc = path.join(LAYER_SRC, 'db', 'migrations');
  const migrationsOut = path.join(pkgDir, 'db', 'migrations');
  mkdirSync(migrationsOut, { recursive: true });
  for (const file of readdirSafe(migrationsSrc) ?? []) {
    if (file.endsWith('.sql')) copyFileSync(path.join(migrationsSrc, file), path.join(migrationsOut, file));
  }
  return { out: pkgDir, subpaths: subpaths.map((s) => s.name) };
}

export async function buildFunction(folder, artifactsDir) {
  const entry = path.join(ROOT, 'functions', folder, 'handler.ts');
  if (!existsSync(entry)) throw new Error(`no handler at functions/${folder}/handler.ts`);
  const out = cleanDir(artifactsDir);
  const result = await esbuild.build({
    ...COMMON,
    entryPoints: [entry],
    outfile: path.join(out, 'handler.js'),
    external: [PACKAGE, `${PACKAGE}/*`, ...OPTIONAL_NATIVES],
  });
  return { out, externals: bundleExternals(result.metafile) };
}

async function main(argv) {
  const [kind, ...rest] = argv;
  if (kind === 'layer' && rest.length === 1) {
    const { out, subpaths } = await buildLayer(rest[0]);
    console.log(`layer ${PACKAGE} [${subpaths.join(', ')}] → ${path.relative(ROOT, out) || out}`);
    return;
  }
  if (kind === 'function' && rest.length === 2) {
    const { out } = await buildFunction(rest[0], rest[1]);
    console.log(`function ${rest[0]} → ${path.relative(ROOT, out) || out}`);
    return;
  }
  console.error('usage: build.mjs layer <artifactsDir> | build.mjs function <folder> <artifactsDir>');
  process.exitCode = 2;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
