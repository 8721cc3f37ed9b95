/** .github/workflows: valid for GitHub's own parser, OIDC-only credentials, no secrets in plain text, no races. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import yaml from 'js-yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const DIR = path.join(ROOT, '.github', 'workflows');
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));

type Obj = Record<string, unknown>;
const load = (file: string) => yaml.load(readFileSync(path.join(DIR, file), 'utf8')) as Obj;
const text = (file: string) => readFileSync(path.join(DIR, file), 'utf8');
const jobsOf = (wf: Obj) => wf.jobs as Record<string, Obj>;
const stepsOf = (job: Obj) => (job.steps ?? []) as Obj[];

/** A GitHub expression as it appears in a workflow: expr('vars.X') is the text `${{ vars.X }}`. */
const expr = (inner: string) => `$${'{{'} ${inner} }}`;

let parsed: Record<string, { errors: string[]; jobs: string[] }> = {};

beforeAll(() => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'workflow-parser-'));
  try {
    const bundle = path.join(tmp, 'validate.cjs');
    esbuild.buildSync({
      entryPoints: [path.join(__dirname, 'validate-workflows.mjs')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: bundle,
      logLevel: 'error',
    });
    const out = execFileSync(process.execPath, [bundle, ...files.map((f) => path.join(DIR, f))], {
      encoding: 'utf8',
    });
    parsed = JSON.parse(out) as typeof parsed;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}, 60_000);

describe('workflow files', () => {
  it('has CI, deploy and the per-stage deploy workflow', () => {
    expect(files.sort()).toEqual(['ci.yml', 'deploy-stage.yml', 'deploy.yml']);
  });

  it.each(files)('%s is valid for the GitHub Actions workflow parser', (file) => {
    expect(parsed[file]?.errors).toEqual([]);
    expect(parsed[file]?.jobs.length).toBeGreaterThan(0);
  });

  it.each(files)('%s sets a concurrency group', (file) => {
    const wf = load(file);
    const jobs = Object.values(jobsOf(wf));
    expect(wf.concurrency !== undefined || jobs.every((j) => j.concurrency !== undefined)).toBe(true);
  });

  it.each(files)('%s keeps secrets out of the file', (file) => {
    const content = text(file);
    expect(content).not.toMatch(/AKIA[0-9A-Z]{16}/);
    expect(content).not.toMatch(/aws-(access-key-id|secret-access-key)\s*:/);
    expect(content).not.toMatch(/-----BEGIN [A-Z ]*PRIVATE KEY-----/);
    expect(content).not.toMatch(/\bsk-[A-Za-z0-9]{20,}/);
    // Any key that names a password, token or secret takes its value from an expression, never a literal.
    for (const line of content.split('\n')) {
      const m = line.match(/^\s*([\w-]*(PASSWORD|TOKEN|SECRET)[\w-]*)\s*:\s*(.+)$/i);
      if (m && m[1] !== 'id-token' && !(m[1] === 'secrets' && m[3]!.trim() === 'inherit'))
        expect({ line: line.trim(), ok: m[3]!.trim().startsWith('${{') }).toEqual({
          line: line.trim(),
          ok: true,
        });
    }
  });

  it('grants only read access to repository contents by default', () => {
    for (const file of files) expect(load(file).permissions).toEqual({ contents: 'read' });
  });
});

describe('ci.yml', () => {
  const ci = load('ci.yml');
  const all = JSON.stringify(ci);

  it('runs on every push and pull request', () => {
    expect(Object.keys(ci.on as Obj).sort()).toEqual(['pull_request', 'push']);
  });

  it('lints, type-checks, builds, tests on the embedded database and on a PostgreSQL service', () => {
    expect(all).toContain('npm run lint');
    expect(all).toContain('npm run build');
    expect(all).toContain('npm test');
    const pg = jobsOf(ci).postgres!;
    expect(JSON.stringify(pg.services)).toContain('postgres:');
    expect(JSON.stringify(stepsOf(pg))).toContain('DATABASE_URL');
  });

  it('runs the browser tests and the smoke test against the local server', () => {
    expect(all).toContain('npm run test:e2e');
    expect(all).toContain('npm run smoke -- --base-url http://localhost:3000');
  });
});

describe('Node version', () => {
  it('runs every workflow on Node 24, the Lambda runtime', () => {
    for (const file of files) {
      for (const m of text(file).matchAll(/node-version:\s*(.+)/g)) {
        const value = m[1]!.trim();
        const resolved = value.includes('NODE_VERSION')
          ? String((load(file).env as Obj).NODE_VERSION)
          : value;
        expect({ file, version: resolved.replace(/"/g, '') }).toEqual({ file, version: '24' });
      }
    }
  });
});

describe('deploy.yml', () => {
  const deploy = load('deploy.yml');
  const stage = load('deploy-stage.yml');
  const stageJob = jobsOf(stage).deploy!;
  const steps = stepsOf(stageJob);
  const stepRuns = steps.map((s) => `${s.uses ?? ''} ${s.run ?? ''}`).join('\n');

  it('deploys main, dev first, then prod', () => {
    expect((deploy.on as Obj).push).toEqual({ branches: ['main'] });
    const jobs = jobsOf(deploy);
    expect(jobs.dev).toMatchObject({ needs: 'test', with: { stage: 'dev' } });
    expect(jobs.prod).toMatchObject({ needs: 'dev', with: { stage: 'prod' } });
    expect(deploy.concurrency).toMatchObject({ 'cancel-in-progress': false });
  });

  it('deploys each stage in its own GitHub environment, one at a time', () => {
    expect(stageJob.environment).toMatchObject({ name: expr('inputs.stage') });
    expect(stageJob.concurrency).toEqual({
      group: `deploy-stage-${expr('inputs.stage')}`,
      'cancel-in-progress': false,
    });
  });

  it('authenticates with OIDC: id-token write and a role from a repository variable', () => {
    for (const job of [jobsOf(deploy).dev!, jobsOf(deploy).prod!, stageJob]) {
      expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
    }
    const creds = steps.find((s) => String(s.uses).startsWith('aws-actions/configure-aws-credentials@'));
    expect(creds?.with).toMatchObject({ 'role-to-assume': expr('vars.AWS_DEPLOY_ROLE_ARN') });
  });

  it('builds with sam (the Makefile targets) and deploys the stage config without prompting', () => {
    expect(stepRuns).toContain('sam build --config-env "$STAGE"');
    expect(stepRuns).toMatch(/sam deploy --config-env "\$STAGE"[\s\S]*--no-confirm-changeset/);
  });

  it('migrates by invoking the admin function directly, then smoke-tests the API', () => {
    const migrate = stepRuns.indexOf('{"action":"migrate"}');
    const smoke = stepRuns.indexOf('npm run smoke');
    expect(stepRuns).toContain('aws lambda invoke --function-name "$ADMIN_FUNCTION"');
    expect(migrate).toBeGreaterThan(stepRuns.indexOf('sam deploy'));
    expect(smoke).toBeGreaterThan(migrate);
  });

  it('deploys with the bootstrap stack: its artifacts bucket and CloudFormation execution role', () => {
    expect(stepRuns).toMatch(
      /sam deploy [\s\S]*--s3-bucket "\$ARTIFACTS_BUCKET" --role-arn "\$CFN_EXECUTION_ROLE_ARN"/,
    );
    const env = stageJob.env as Obj;
    expect(env.ARTIFACTS_BUCKET).toBe(expr('vars.ARTIFACTS_BUCKET'));
    expect(env.CFN_EXECUTION_ROLE_ARN).toBe(expr('vars.CFN_EXECUTION_ROLE_ARN'));
  });

  it('invokes the admin function once, with a read timeout above its 300 s', () => {
    expect((stageJob.env as Obj).AWS_MAX_ATTEMPTS).toBe('1');
    const timeout = /--cli-read-timeout (\d+)/.exec(stepRuns);
    expect(Number(timeout?.[1])).toBeGreaterThan(300);
  });

  it('turns deletion protection on for prod only once the stack exists, before sam deploy', () => {
    const step = steps.findIndex((s) => s.name === 'Deletion protection');
    const deployStep = steps.findIndex((s) => String(s.run ?? '').includes('sam deploy'));
    expect(step).toBeGreaterThan(-1);
    expect(step).toBeLessThan(deployStep);
    expect(String(steps[step]!.run)).toMatch(/prod:UPDATE_COMPLETE[^)]*\) value=true/);
  });

  it('smoke-tests the custom domain once DNS answers, else the execute-api URL', () => {
    const api = steps.find((s) => s.id === 'api');
    expect(String(api?.run)).toContain('ExecuteApiUrl');
    const smoke = steps.find((s) => String(s.run ?? '').includes('npm run smoke'));
    expect((smoke!.env as Obj).API_URL).toBe(expr('steps.api.outputs.url'));
  });

  it('writes config.json from the stack outputs, syncs the site and invalidates CloudFront', () => {
    expect(stepRuns).toContain('node scripts/site-config.mjs stack-outputs.json frontend/dist/config.json');
    const sync = stepRuns.indexOf('aws s3 sync frontend/dist');
    expect(sync).toBeGreaterThan(stepRuns.indexOf('npm run smoke'));
    expect(stepRuns.indexOf('aws cloudfront create-invalidation')).toBeGreaterThan(sync);
  });
});
