// Runs in a fresh `node` process, like a Lambda execution environment: loads a built handler.js (the layer
// is found through NODE_PATH), invokes it once with an event file, and prints one JSON line:
// { ok, result | error, loaded } where `loaded` lists the layer files the invocation pulled in.
const { readFileSync } = require('node:fs');
const path = require('node:path');

const [handlerFile, eventFile] = process.argv.slice(2);

function context() {
  const started = Date.now();
  return {
    functionName: 'artifact-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:artifact-test',
    memoryLimitInMB: '512',
    awsRequestId: `artifact-${process.pid}`,
    logGroupName: '/aws/lambda/artifact-test',
    logStreamName: 'artifact',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, 29_000 - (Date.now() - started)),
    done() {},
    fail() {},
    succeed() {},
  };
}

function report(body) {
  const layerRoot = (process.env.NODE_PATH || '').split(path.delimiter)[0] || '';
  const loaded = Object.keys(require.cache)
    .filter((f) => layerRoot && f.startsWith(layerRoot))
    .map((f) => path.relative(layerRoot, f).split(path.sep).join('/'));
  process.stdout.write(`\n@@RESULT ${JSON.stringify({ ...body, loaded })}\n`);
  // Pools and sockets would keep the process alive; the environment is done after one invocation.
  process.exit(0);
}

(async () => {
  try {
    const mod = require(path.resolve(handlerFile));
    if (typeof mod.handler !== 'function') throw new Error('handler.js exports no handler function');
    const event = JSON.parse(readFileSync(eventFile, 'utf8'));
    const result = await mod.handler(event, context());
    report({ ok: true, result: result === undefined ? null : result });
  } catch (err) {
    report({
      ok: false,
      error: { name: err?.name, message: err?.message, stack: err?.stack },
    });
  }
})();
