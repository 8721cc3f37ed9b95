/**
 * `npm start` (through scripts/start.mjs): runs the local server on http://localhost:3000 (PORT to change)
 * until Ctrl-C, and says which database and AI mode it uses.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { LOCAL_STAGE } from './environment';
import { REPO_ROOT } from './paths';
import { type LocalServer, startLocalServer } from './server';

function aiMode(env: NodeJS.ProcessEnv): string {
  if (env.OPENAI_BASE_URL) {
    // Shown without any credentials a URL might carry.
    const url = URL.canParse(env.OPENAI_BASE_URL) ? new URL(env.OPENAI_BASE_URL) : undefined;
    if (url) {
      url.username = '';
      url.password = '';
    }
    return `OpenAI-compatible server at ${url?.toString() ?? '(an unparseable OPENAI_BASE_URL)'}`;
  }
  if (env.OPENAI_API_KEY || env.OPENAI_SECRET_ARN) return 'OpenAI';
  return 'offline responder — set OPENAI_API_KEY (or OPENAI_BASE_URL) for real model replies';
}

function banner(server: LocalServer, host: string | undefined): string {
  const shown = !host || host === '127.0.0.1' ? `http://localhost:${server.port}` : server.url;
  const webApp = existsSync(path.join(REPO_ROOT, 'frontend', 'dist', 'index.html'))
    ? 'frontend/dist'
    : 'not built (a placeholder page says how)';
  return [
    '',
    `  AmIAnAI is running at ${shown}`,
    '',
    `  database  ${server.database.description}`,
    `  AI        ${aiMode(process.env)}`,
    `  web app   ${webApp}`,
    `  handlers  ${server.artifacts === 'built' ? 'built artifacts (.aws-sam/build)' : 'TypeScript sources'}`,
    `  stage     ${server.stage}`,
    server.stage === LOCAL_STAGE
      ? '  sign in   any name on the sign-in page (POST /api/dev/token locally)'
      : `  sign in   no dev tokens: POST /api/dev/token exists only when STAGE is ${LOCAL_STAGE}`,
    '',
    '  Ctrl-C to stop',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const host = process.env.HOST || undefined;
  let server: LocalServer;
  try {
    server = await startLocalServer({
      port: Number(process.env.PORT || 3000),
      host,
      dataDir: path.resolve(REPO_ROOT, process.env.LOCAL_DATA_DIR || '.data'),
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Port ${process.env.PORT || 3000} is already in use. Stop the other server or set PORT.`);
    } else {
      console.error('The local server could not start:', err);
    }
    process.exit(1);
  }
  console.log(banner(server, host));

  // A stray promise in a handler should not take the whole dev server down.
  process.on('unhandledRejection', (reason) =>
    console.error('[local] unhandled rejection in a handler:', reason),
  );

  let stopping = false;
  const shutDown = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130); // a second Ctrl-C: do not wait
    stopping = true;
    console.log(`\n[local] ${signal}: stopping…`);
    server.stop().then(
      () => process.exit(0),
      (err) => {
        console.error('[local] shutdown failed:', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutDown);
  process.on('SIGTERM', shutDown);
}

void main();
