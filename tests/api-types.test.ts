// The web app's API types follow the committed OpenAPI document (which a test in functions/openapi keeps in
// step with the routers), so a route that changes its shape changes the web app's types or fails here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const DOCUMENT = path.join(ROOT, 'functions', 'openapi', 'openapi.json');

/** The drift check as CI and developers run it (`npm run api-types -- --check`). */
function check(...args: string[]) {
  return spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    [path.join(ROOT, 'scripts', 'api-types.ts'), '--check', ...args],
    { cwd: ROOT, encoding: 'utf8' },
  );
}

describe('frontend/src/api/schema.d.ts', () => {
  it('matches a fresh generation from the OpenAPI document (run `npm run api-types`)', () => {
    const run = check();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('fails, naming the command, when a response schema changes', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'api-types-'));
    try {
      const document = JSON.parse(readFileSync(DOCUMENT, 'utf8'));
      document.components.schemas.Message.properties.mood = { type: 'string' };
      const changed = path.join(dir, 'openapi.json');
      writeFileSync(changed, JSON.stringify(document));
      const run = check('--document', changed);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/out of date .*run `npm run api-types`/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
