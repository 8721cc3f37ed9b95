// Runs before every test file: quiet logs and metrics, and keep the real server URL (if any) for
// per-file databases; each file points DATABASE_URL at its own database.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
// `local`: the stage the local server issues dev tokens on, and what `npm start` runs as.
process.env.STAGE ??= 'local';
// Every success response a test sees is checked against its route's declared schema.
process.env.VALIDATE_RESPONSES = 'true';
if (process.env.DATABASE_URL && !process.env.TEST_SERVER_URL)
  process.env.TEST_SERVER_URL = process.env.DATABASE_URL;
delete process.env.DATABASE_URL;
delete process.env.OPENAI_API_KEY;
delete process.env.OPENAI_BASE_URL;
