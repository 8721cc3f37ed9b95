#!/usr/bin/env node
/**
 * Builds one deployable artifact into a directory, exactly as `sam build` ships it (the Makefile's
 * `build-<LogicalId>` targets call this with $(ARTIFACTS_DIR)):
 *
 *   node scripts/build.mjs layer <artifactsDir>
 *     → nodejs/node_modules/@amianai/<package>/<subpath>/index.js for every subpath export of every package
 *       under layers/, plus `@amianai/shared/vendor/<group>.js`: each third-party library, bundled once.
 *   node scripts/build.mjs function <folder> <artifactsDir>
 *     → handler.js (+ .map) from functions/<folder>/handler.ts: the function's own code only.
 *
 * One copy of every library: a module's state (TypeBox's format registry, a client cache) exists once per
 * copy, so two copies in one process disagree silently. Source modules and functions never inline a
 * library; each bare import becomes a two-line proxy that reads it from the layer's vendor bundle for its
 * group (libraries that ship together, such as the AWS SDK's packages, form one group). Vendor bundles are
 * loaded on first use, so a client imported lazily costs nothing at cold start. The build fails if a
 * library still ends up in two output files. See docs/decisions.md ("One copy of every library").
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
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LAYERS_DIR = path.join(ROOT, 'layers');
const SCOPE = '@amianai';
/** The package that carries the vendor bundles. */
const VENDOR_HOST = `${SCOPE}/shared`;
const vendorModule = (group) => `${VENDOR_HOST}/vendor/${group}`;

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
  // A lazy `import()` of another layer module becomes a lazy `require()`: the same module instance for
  // certain, and loadable where a CommonJS host has no ESM loader (jest's module registry, for one).
  supported: { 'dynamic-import': false },
  tsconfig: path.join(ROOT, 'tsconfig.base.json'),
};

/** Every package under layers/ (shared first): name, folder, source root and subpath entries. */
export function layerPackages() {
  const dirs = (readdirSafe(LAYERS_DIR) ?? [])
    .map((d) => path.join(LAYERS_DIR, d))
    .filter((d) => existsSync(path.join(d, 'package.json')));
  const packages = dirs.map((dir) => {
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const subpaths = Object.entries(pkg.exports ?? {}).map(([key, target]) => ({
      name: key.replace(/^\.\//, ''),
      entry: path.join(dir, typeof target === 'string' ? target : target.default),
    }));
    return { name: pkg.name, version: pkg.version, dir, src: path.join(dir, 'src'), subpaths };
  });
  return packages.sort((a, b) => (a.name === VENDOR_HOST ? -1 : b.name === VENDOR_HOST ? 1 : 0));
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

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
export function packageOf(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Packages released together share one vendor bundle, so their common internals exist once. */
export function groupOf(pkg) {
  if (pkg.startsWith('@aws-sdk/')) return 'aws-sdk';
  // The tracer brings the X-Ray SDK (over half of Powertools' code), loaded only where tracing is on: in a
  // file of its own, a cold start with tracing off need not parse it. Commons stays in `powertools`; the
  // tracer reads it through a proxy like any other group.
  if (pkg === '@aws-lambda-powertools/tracer') return 'powertools-tracer';
  if (pkg.startsWith('@aws-lambda-powertools/')) return 'powertools';
  return pkg.replace(/^@/, '').replace(/\//g, '__');
}

const isThirdParty = (spec) =>
  !/^[./#]/.test(spec) &&
  !isBuiltin(spec) &&
  !OPTIONAL_NATIVES.includes(spec) &&
  !spec.startsWith(`${SCOPE}/`) &&
  !path.isAbsolute(spec);

/** The package an input file of a metafile belongs to, or undefined for project source. */
function packageOfInput(input) {
  const marker = 'node_modules/';
  const at = input.lastIndexOf(marker);
  return at < 0 ? undefined : packageOf(input.slice(at + marker.length));
}

/**
 * Bare imports become proxies into the vendor bundle of their group, except for packages of `ownGroup`
 * (bundled normally inside that group's own vendor bundle) and, when `known` is given, packages whose group
 * is not (yet) vendored: those are inlined. `record` collects group → specifiers the proxies read.
 */
function vendorPlugin({ record, ownGroup, known }) {
  return {
    name: 'vendor-proxies',
    setup(build) {
      build.onResolve({ filter: /^@amianai\// }, (args) => ({ path: args.path, external: true }));
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (!isThirdParty(args.path) || args.namespace === 'vendor-proxy') return undefined;
        const group = groupOf(packageOf(args.path));
        if (group === ownGroup || (known && !known.has(group))) return undefined;
        if (!record.has(group)) record.set(group, new Set());
        record.get(group).add(args.path);
        return { path: args.path, namespace: 'vendor-proxy', pluginData: { group } };
      });
      build.onLoad({ filter: /.*/, namespace: 'vendor-proxy' }, (args) => {
        const from = JSON.stringify(vendorModule(args.pluginData.group));
        const spec = JSON.stringify(args.path);
        return {
          contents: `const lib = require(${from})[${spec}];\nif (!lib) throw new Error(${JSON.stringify(`the layer does not carry ${args.path}`)});\nmodule.exports = lib;\n`,
          loader: 'js',
          resolveDir: ROOT,
        };
      });
    },
  };
}

/**
 * Library code specialised for the one platform these bundles run on (Node.js), each rewrite checked so a
 * library update that changes the code fails the build instead of silently keeping the cost:
 * - pg asks at load whether it runs in a Cloudflare Worker. Where Node has no `navigator` (Node 20, which
 *   local machines, CI and the benchmarks run), it answers by constructing a `Response`, and that first
 *   `Response` loads Node's whole fetch implementation (undici): ~30 ms of every cold start that loads pg,
 *   for an answer that is always no here. Node 21+ (Lambda's nodejs24.x) answers from `navigator` and
 *   never reaches the probe, so there the rewrite changes nothing. See docs/decisions.md.
 */
const NODE_ONLY_REWRITES = [
  {
    file: /[\\/]node_modules[\\/]pg[\\/]lib[\\/]stream\.js$/,
    from: "if (typeof Response === 'function') {",
    to: 'if (false) { // scripts/build.mjs: Node.js only, never a Cloudflare Worker',
  },
];

function nodeOnlyPlugin() {
  return {
    name: 'node-only-rewrites',
    setup(build) {
      for (const rewrite of NODE_ONLY_REWRITES) {
        build.onLoad({ filter: rewrite.file }, (args) => {
          const source = readFileSync(args.path, 'utf8');
          if (source.split(rewrite.from).length !== 2) {
            throw new Error(
              `${args.path} no longer contains ${JSON.stringify(rewrite.from)} once: review NODE_ONLY_REWRITES`,
            );
          }
          return { contents: source.replace(rewrite.from, rewrite.to), loader: 'js' };
        });
      }
    },
  };
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
        if (!args.importer.startsWith(LAYERS_DIR)) return undefined;
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

const layerSourceOf = (file, packages) => packages.find((p) => file.startsWith(p.src + path.sep));

async function bundleLayerModules(modulesDir, packages, record) {
  // entry file → output file
  const modules = new Map(
    packages.flatMap((p) =>
      p.subpaths.map((s) => [s.entry, path.join(modulesDir, ...p.name.split('/'), s.name, 'index.js')]),
    ),
  );
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
        plugins: [vendorPlugin({ record }), splitModulesPlugin(entry, modules)],
      });
      results.set(entry, result);
      for (const input of Object.keys(result.metafile.inputs)) {
        const file = path.resolve(ROOT, input);
        if (!layerSourceOf(file, packages) || file === entry) continue;
        inlinedBy.set(file, (inlinedBy.get(file) ?? 0) + 1);
      }
    }
    const shared = [...inlinedBy].filter(([file, count]) => count > 1 && !modules.has(file));
    if (shared.length === 0) return results;
    for (const [file] of shared) {
      const pkg = layerSourceOf(file, packages);
      const rel = path.relative(pkg.src, file).replace(/\.(ts|js)$/, '.js');
      modules.set(file, path.join(modulesDir, ...pkg.name.split('/'), '_internal', rel));
    }
  }
}

/** The bare imports of every function, so the layer carries what they read from it. */
async function recordFunctionImports(record) {
  for (const folder of readdirSafe(path.join(ROOT, 'functions')) ?? []) {
    const entry = path.join(ROOT, 'functions', folder, 'handler.ts');
    if (!existsSync(entry)) continue;
    await esbuild.build({
      ...COMMON,
      entryPoints: [entry],
      outfile: path.join(ROOT, '.aws-sam', 'scan', folder, 'handler.js'),
      write: false,
      sourcemap: false,
      external: OPTIONAL_NATIVES,
      plugins: [vendorPlugin({ record })],
    });
  }
}

/**
 * One bundle per vendor group, exposing each specifier consumers use as a lazy getter (a library is
 * evaluated on first access). Imports of other vendored groups become proxies too; a library reached by two
 * groups is promoted to a group of its own, until every library sits in exactly one file.
 */
async function bundleVendors(vendorDir, record) {
  for (;;) {
    const known = new Set(record.keys());
    const before = JSON.stringify([...record].map(([g, s]) => [g, [...s].sort()]).sort());
    const results = new Map();
    for (const [group, specs] of [...record].sort()) {
      const contents = [...specs]
        .sort()
        .map(
          (s) =>
            `Object.defineProperty(exports, ${JSON.stringify(s)}, { enumerable: true, get: () => require(${JSON.stringify(s)}) });`,
        )
        .join('\n');
      results.set(
        group,
        await esbuild.build({
          ...COMMON,
          absWorkingDir: ROOT,
          stdin: { contents, resolveDir: ROOT, sourcefile: `vendor/${group}.js`, loader: 'js' },
          outfile: path.join(vendorDir, `${group}.js`),
          write: false,
          // No source maps for libraries: with --enable-source-maps (the template sets it) Node reads and
          // parses the map of every file it loads at start-up, ~70 ms of a cold start for these alone.
          // Our own code keeps its maps; a library frame shows its minified position and kept names.
          sourcemap: false,
          external: OPTIONAL_NATIVES,
          plugins: [vendorPlugin({ record, ownGroup: group, known }), nodeOnlyPlugin()],
        }),
      );
    }
    const holders = new Map();
    for (const [group, result] of results) {
      for (const input of Object.keys(result.metafile.inputs)) {
        const pkg = packageOfInput(input);
        if (!pkg) continue;
        if (!holders.has(pkg)) holders.set(pkg, new Set());
        holders.get(pkg).add(group);
      }
    }
    let promoted = false;
    for (const [pkg, groups] of holders) {
      if (groups.size > 1 && !record.has(groupOf(pkg))) {
        record.set(groupOf(pkg), new Set());
        promoted = true;
      }
    }
    const after = JSON.stringify([...record].map(([g, s]) => [g, [...s].sort()]).sort());
    if (!promoted && before === after) return { results, holders };
  }
}

/** Throws when any library is in more than one output file of the layer. */
export function assertSingleCopies(outputs) {
  const holders = new Map();
  for (const { file, metafile } of outputs) {
    for (const input of Object.keys(metafile.inputs)) {
      const pkg = packageOfInput(input);
      if (!pkg) continue;
      if (!holders.has(pkg)) holders.set(pkg, new Set());
      holders.get(pkg).add(file);
    }
  }
  const twice = [...holders].filter(([, files]) => files.size > 1);
  if (twice.length) {
    throw new Error(
      `libraries bundled more than once:\n${twice.map(([pkg, files]) => `  ${pkg}: ${[...files].join(', ')}`).join('\n')}`,
    );
  }
  return holders;
}

function cleanDir(dir) {
  const abs = path.resolve(dir);
  if (abs === ROOT || abs === path.parse(abs).root) throw new Error(`refusing to clean ${abs}`);
  rmSync(abs, { recursive: true, force: true });
  mkdirSync(abs, { recursive: true });
  return abs;
}

function writeOutputs(result) {
  for (const file of result.outputFiles) {
    mkdirSync(path.dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.contents);
  }
}

export async function buildLayer(artifactsDir) {
  const out = cleanDir(artifactsDir);
  const modulesDir = path.join(out, 'nodejs', 'node_modules');
  const packages = layerPackages();
  const missing = packages.flatMap((p) => p.subpaths).filter((s) => !existsSync(s.entry));
  if (missing.length) throw new Error(`layer entries missing: ${missing.map((s) => s.entry).join(', ')}`);

  const record = new Map();
  const modules = await bundleLayerModules(modulesDir, packages, record);
  await recordFunctionImports(record);
  const hostDir = path.join(modulesDir, ...VENDOR_HOST.split('/'));
  const vendors = await bundleVendors(path.join(hostDir, 'vendor'), record);

  const all = [...modules.values(), ...vendors.results.values()];
  assertSingleCopies(
    all.map((r) => ({
      file: path.relative(out, r.outputFiles.find((f) => f.path.endsWith('.js')).path),
      metafile: r.metafile,
    })),
  );
  for (const result of all) writeOutputs(result);

  for (const p of packages) {
    const pkgDir = path.join(modulesDir, ...p.name.split('/'));
    mkdirSync(pkgDir, { recursive: true });
    const exportsMap = Object.fromEntries(p.subpaths.map((s) => [`./${s.name}`, `./${s.name}/index.js`]));
    if (p.name === VENDOR_HOST) exportsMap['./vendor/*'] = './vendor/*.js';
    exportsMap['./package.json'] = './package.json';
    writeFileSync(
      path.join(pkgDir, 'package.json'),
      `${JSON.stringify({ name: p.name, version: p.version, private: true, type: 'commonjs', exports: exportsMap }, null, 2)}\n`,
    );
  }
  writeFileSync(
    path.join(hostDir, 'vendor', 'manifest.json'),
    `${JSON.stringify(Object.fromEntries([...record].sort().map(([g, s]) => [g, [...s].sort()])), null, 2)}\n`,
  );

  // The db module reads its migrations from path.join(__dirname, 'migrations') at run time.
  const migrationsSrc = path.join(LAYERS_DIR, 'shared', 'src', 'db', 'migrations');
  const migrationsOut = path.join(hostDir, 'db', 'migrations');
  mkdirSync(migrationsOut, { recursive: true });
  for (const file of readdirSafe(migrationsSrc) ?? []) {
    if (file.endsWith('.sql')) copyFileSync(path.join(migrationsSrc, file), path.join(migrationsOut, file));
  }
  return { out: hostDir, packages: packages.map((p) => p.name), vendors: [...record.keys()].sort() };
}

export async function buildFunction(folder, artifactsDir) {
  const entry = path.join(ROOT, 'functions', folder, 'handler.ts');
  if (!existsSync(entry)) throw new Error(`no handler at functions/${folder}/handler.ts`);
  const out = cleanDir(artifactsDir);
  const record = new Map();
  const result = await esbuild.build({
    ...COMMON,
    entryPoints: [entry],
    outfile: path.join(out, 'handler.js'),
    external: OPTIONAL_NATIVES,
    plugins: [vendorPlugin({ record })],
  });
  const inlined = Object.keys(result.metafile.inputs).filter(packageOfInput);
  if (inlined.length) throw new Error(`functions/${folder} bundles library code: ${inlined.join(', ')}`);
  return { out, imports: Object.fromEntries([...record].map(([g, s]) => [g, [...s].sort()])) };
}

async function main(argv) {
  const [kind, ...rest] = argv;
  if (kind === 'layer' && rest.length === 1) {
    const { out, packages, vendors } = await buildLayer(rest[0]);
    console.log(
      `layer ${packages.join(', ')} (libraries: ${vendors.join(', ')}) → ${path.relative(ROOT, out) || out}`,
    );
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
