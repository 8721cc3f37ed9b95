/** The ai function's routes: POST /api/ai/generate-response and GET /api/usage. */
import { GenerateResponseAccepted, GenerateResponseBody, generateResponse } from '@amianai/core/replies';
import { UsageView, usageReport } from '@amianai/core/usage';
import { accepted, ok, Router } from '@amianai/shared/http';

export const router = new Router()
  .post(
    '/api/ai/generate-response',
    {
      auth: 'user',
      body: GenerateResponseBody,
      summary:
        'Ask a participant you do not play to reply (chat only): 202 alike for every participant; 429 budget_exceeded only when your own AI persona is asked and your budget is spent',
      responses: { 202: GenerateResponseAccepted },
    },
    async (req) => accepted(await generateResponse(req.auth, req.body)),
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
