/** The ai function's routes: POST /api/ai/generate-response and GET /api/usage. */
import { MessageView } from '@amianai/core/conversations';
import { GenerateResponseBody, generateResponse } from '@amianai/core/replies';
import { UsageView, usageReport } from '@amianai/core/usage';
import { ok, Router } from '@amianai/shared/http';

export const router = new Router()
  .post(
    '/api/ai/generate-response',
    {
      auth: 'user',
      body: GenerateResponseBody,
      summary:
        'Ask one AI participant to reply now; returns the stored message (429 budget_exceeded when spent)',
      responses: { 200: MessageView },
    },
    async (req) => ok(await generateResponse(req.auth, req.body, req.context.getRemainingTimeInMillis())),
  )
  .get(
    '/api/usage',
    {
      auth: 'user',
      summary: "The caller's AI usage: today against the daily budget, all time, by model and by persona",
      responses: { 200: UsageView },
    },
    async (req) => ok(await usageReport(req.auth)),
  );
