/** The reply queue's message body: the id of an ai_jobs row (sent by the outbox, the engine and the sweeper). */
import { Uuid } from '@amianai/shared/http';
import { Type } from '@sinclair/typebox';

export const ReplyJobMessage = Type.Object({ jobId: Uuid() }, { additionalProperties: false });
