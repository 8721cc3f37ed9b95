/**
 * Runs the local server on the artifacts that ship (`npm start -- --built`, or LOCAL_ARTIFACTS=built):
 * `.aws-sam/build` is copied outside the repository, with the built layer as the copy's node_modules, so each
 * built handler.js finds `@amianai/*` in the layer exactly as Lambda does in /opt/nodejs/node_modules, and
 * nothing from the workspace (TypeScript sources, a second copy of a library) is reachable.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { FunctionSpec } from './functions';
import { REPO_ROOT } from './paths';

export type ArtifactMode = 'source' | 'built';

export const BUILD_DIR = path.join(REPO_ROOT, '.aws-sam', 'build');

export function artifactMode(value = process.env.LOCAL_ARTIFACTS): ArtifactMode {
  if (value === undefined || value === '' || value === 'source') return 'source';
  if (value === 'built') return 'built';
  throw new Error(`LOCAL_ARTIFACTS must be "source" or "built", not "${value}"`);
}

/** The layer's own config and pool, which built handlers use instead of the server's source copies. */
export interface LayerControls {
  resetConfig(): void;
  closePool(): Promise<void>;
}

export interface StagedArtifacts {
  dir: string;
  /** The function specs pointed at their built handler.js. */
  functions: FunctionSpec[];
  layer: LayerControls;
  remove(): void;
}

export function stageBuiltArtifacts(functions: FunctionSpec[], buildDir = BUILD_DIR): StagedArtifacts {
  const manifest = path.join(buildDir, 'build-manifest.json');
  if (!existsSync(manifest)) throw new Error('no build in .aws-sam/build: run `npm run build` first');
  const built = new Set(
    (JSON.parse(readFileSync(manifest, 'utf8')) as { artifacts: { id: string }[] }).artifacts.map(
      (a) => a.id,
    ),
  );
  const missing = functions.filter((fn) => !built.has(fn.logicalId)).map((fn) => fn.logicalId);
  if (missing.length) throw new Error(`not built: ${missing.join(', ')} (run \`npm run build\`)`);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'amianai-built-'));
  cpSync(path.join(buildDir, 'SharedLayer', 'nodejs', 'node_modules'), path.join(dir, 'node_modules'), {
    recursive: true,
  });
  for (const fn of functions)
    cpSync(path.join(buildDir, fn.logicalId), path.join(dir, fn.logicalId), { recursive: true });

  const fromLayer = createRequire(path.join(dir, 'index.js'));
  const layer: LayerControls = {
    resetConfig: () => (fromLayer('@amianai/shared/config') as LayerControls).resetConfig(),
    closePool: () => (fromLayer('@amianai/shared/db') as LayerControls).closePool(),
  };
  return {
    dir,
    functions: functions.map((fn) => ({
      ...fn,
      handlerFile: path.join(dir, fn.logicalId, path.basename(fn.handlerFile).replace(/\.ts$/, '.js')),
    })),
    layer,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
