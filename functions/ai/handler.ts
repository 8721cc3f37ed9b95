/**
 * Ai function: POST /api/ai/generate-response (one AI participant replies now) and GET /api/usage.
 * Thin: validates through the route schemas, identifies the caller, hands off to plain functions.
 */
import { announceAiProvider } from '@amianai/shared/ai';
import { authenticate } from '@amianai/shared/auth';
import { apiHandler, ok, Router } from '@amianai/shared/http';
import { metrics } from '@amianai/shared/observability';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { generateResponse } from './generate';
import { GenerateResponseBody, MessageView, UsageView } from './schemas';
import { usageReport } from './usage';

announceAiProvider();

export const router = new Router()
  .post(
    '/api/ai/generate-response',
    {
      body: GenerateResponseBody,
      summary:
        'Ask one AI participant to reply now; returns the stored message (429 budget_exceeded when spent)',
      responses: { 200: MessageView },
    },
    async (req) =>
      ok(
        await generateResponse(
          await authenticate(req.event),
          req.body,
          req.context.getRemainingTimeInMillis(),
        ),
      ),
  )
  .get(
    '/api/usage',
    {
      summary: "The caller's AI usage: today against the daily budget, all time, by model and by persona",
      responses: { 200: UsageView },
    },
    async (req) => ok(await usageReport(await authenticate(req.event))),
  );

const api = apiHandler(router);

export async function handler(event: APIGatewayProxyEvent, context: Context) {
  try {
    return await api(event, context);
  } finally {
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
}
