/**
 * Admin function: database status, migrations and demo seeding over the API (admin group only), a
 * direct-invoke path (`{"action": "migrate"}`), and the DatabaseMigrations custom resource through which
 * every deploy migrates before the other functions change.
 */

import { anyPersonaExists } from '@amianai/core/personas';
import { config } from '@amianai/shared/config';
import { db, getPool, migrate } from '@amianai/shared/db';
import { apiHandler, Forbidden, ok, Router, validate } from '@amianai/shared/http';
import { logger, withObservability } from '@amianai/shared/observability';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { ensureAppRoleFromEnvironment } from './app-role';
import { handleCustomResource, isCustomResourceEvent } from './custom-resource';
import { DatabaseStatusView, DirectAction, MigrationResultView, SeedBody, SeedResultView } from './schemas';
import { databaseStatus } from './status';

export const router = new Router()
  .get(
    '/api/admin/database-status',
    {
      auth: 'admin',
      summary: 'Admin: connectivity, latency, migration version, row counts',
      responses: { 200: DatabaseStatusView },
      errors: [403],
    },
    async () => ok(await databaseStatus()),
  )
  .post(
    '/api/admin/setup-database',
    {
      auth: 'admin',
      summary: 'Admin: apply pending migrations (idempotent)',
      responses: { 200: MigrationResultView },
      errors: [403],
    },
    async () => {
      const { applied, version } = await migrateAll();
      return ok({ applied, version });
    },
  )
  .post(
    '/api/admin/seed-database',
    {
      auth: 'admin',
      body: SeedBody,
      summary: 'Admin: insert the demo cast (idempotent)',
      responses: { 200: SeedResultView },
      errors: [403],
    },
    async (req) => {
      if (config().stage === 'prod' && req.body.confirmProduction !== true) {
        throw new Forbidden('Seeding production needs {"confirmProduction": true}');
      }
      return ok(await seed());
    },
  );

const api = apiHandler(router);

// Seeding is rare and pulls in the conversations aggregate: loaded on first use, not at every cold start.
async function seed() {
  return (await import('./seed')).seed();
}

/** Migrations, then the application role's password and grants (tables may have been added). */
async function migrateAll() {
  const result = await migrate();
  const role = await ensureAppRoleFromEnvironment(await getPool());
  return { ...result, ...role };
}

const deployMigrations = withObservability(async (event: unknown) => {
  if (!isCustomResourceEvent(event)) throw new Error('not a custom resource event');
  logger.info('custom resource', { requestType: event.RequestType, resource: event.LogicalResourceId });
  const response = await handleCustomResource(
    event,
    async () => {
      const result = await migrateAll();
      // CloudFormation keeps Data values as strings.
      return { version: String(result.version), applied: result.applied.join(',') };
    },
    undefined,
    (message, details) => logger.error(message, details),
  );
  return { status: response.Status };
});

const direct = withObservability(async (event: unknown) => {
  const { action } = validate(DirectAction, event, 'event');
  logger.info('direct invocation', { action });
  switch (action) {
    case 'migrate':
      return migrateAll();
    case 'seed':
      return seed();
    case 'seed-if-empty':
      return (await anyPersonaExists(db)) ? { skipped: true } : seed();
    case 'status':
      return databaseStatus();
  }
});

export async function handler(event: APIGatewayProxyEvent | Record<string, unknown>, context: Context) {
  if ('httpMethod' in event) return api(event as APIGatewayProxyEvent, context);
  if (isCustomResourceEvent(event)) return deployMigrations(event, context);
  return direct(event, context);
}
