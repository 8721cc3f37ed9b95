/**
 * The system under test for the browser suite: a fake OpenAI-compatible server and the local server
 * (API Gateway + Lambda + SQS emulation + embedded PostgreSQL + the built web app) on free ports, with a
 * throwaway data directory. Run with tsx; prints one JSON line `{"url": ...}` once ready and stops cleanly on
 * SIGTERM / SIGINT.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dice } from '@amianai/core/games';
import { startLocalServer } from '../../local/server';
import { type RecordedRequest, startFakeOpenAI } from '../support/fake-openai';

/** Short replies keep the human-like typing delay (reply length ÷ typing speed) to a few seconds. */
function replyFor(request: RecordedRequest): string {
  return `Fake reply ${request.n}: that sounds fun.`;
}

async function main(): Promise<void> {
  const fake = await startFakeOpenAI();
  // A little generation time so "typing" is visible before the reply, as with a real model.
  fake.setDefault((request) => ({ type: 'reply', content: replyFor(request), delayMs: 700 }));
  process.env.OPENAI_BASE_URL = fake.url;
  process.env.OPENAI_API_KEY = 'sk-e2e-fake';
  // Fixed matchmaking draws: players who queue in the same tick always share a round (never a solo draw),
  // so the two-browser journey is deterministic. The draws only decide grouping, never what a partner is.
  dice.set(() => 0.5);
  // The same through configuration, for the built artifacts (their own module instance of the games code).
  process.env.GAME_FIXED_DRAW = '0.5';
  const dataDir = mkdtempSync(path.join(tmpdir(), 'amianai-e2e-'));
  const server = await startLocalServer({ port: 0, dataDir, quiet: true });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop().catch(() => undefined);
    await fake.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(
    `e2e server failed to start: ${String(error instanceof Error ? error.stack : error)}\n`,
  );
  process.exit(1);
});
