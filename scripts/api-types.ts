/**
 * The web app's API types, generated from the OpenAPI document (functions/openapi/openapi.json, itself
 * generated from the routers) so the browser and the API cannot disagree about a shape. The file is
 * committed; a test regenerates it in memory and fails on any difference.
 *
 *   npm run api-types             write frontend/src/api/schema.d.ts
 *   npm run api-types -- --check  exit 1 when the committed file is out of date
 *   … --document <file>           from another OpenAPI document (tests)
 *
 * Run under tsx, not imported by jest: openapi-typescript's CommonJS build requires ES modules, which jest's
 * module loader cannot.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';

const ROOT = path.resolve(__dirname, '..');
export const API_DOCUMENT_FILE = path.join(ROOT, 'functions', 'openapi', 'openapi.json');
export const API_TYPES_FILE = path.join(ROOT, 'frontend', 'src', 'api', 'schema.d.ts');
export const API_TYPES_COMMAND = 'npm run api-types';

const HEADER = `// Generated from functions/openapi/openapi.json by \`${API_TYPES_COMMAND}\`; do not edit.
// Use the names in ./types.ts; this file only follows the API.
`;

/** The types file for `document` (the committed OpenAPI document by default), formatted as the repo is. */
export async function generateApiTypes(
  document: object = JSON.parse(readFileSync(API_DOCUMENT_FILE, 'utf8')) as object,
): Promise<string> {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0], { silent: true });
  const source = `${HEADER}\n${astToString(ast)}`;
  // Biome's own formatting, so `biome check` passes on the committed file without excluding it.
  const formatted = spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'biome'),
    ['format', `--stdin-file-path=${path.relative(ROOT, API_TYPES_FILE)}`],
    { cwd: ROOT, input: source, encoding: 'utf8' },
  );
  if (formatted.status !== 0) throw new Error(`biome format failed: ${formatted.stderr}`);
  return formatted.stdout;
}

export function committedApiTypes(): string {
  try {
    return readFileSync(API_TYPES_FILE, 'utf8');
  } catch {
    return '';
  }
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--document');
  const document =
    at > 0 ? (JSON.parse(readFileSync(process.argv[at + 1] ?? '', 'utf8')) as object) : undefined;
  const generated = await generateApiTypes(document);
  const relative = path.relative(ROOT, API_TYPES_FILE);
  if (process.argv.includes('--check')) {
    if (generated === committedApiTypes()) return;
    console.error(`${relative} is out of date with the OpenAPI document; run \`${API_TYPES_COMMAND}\``);
    process.exitCode = 1;
    return;
  }
  writeFileSync(API_TYPES_FILE, generated);
  console.log(`wrote ${relative}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
