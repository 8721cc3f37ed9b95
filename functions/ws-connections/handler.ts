/**
 * WebSocket API routes ($connect, $disconnect, subscribe, unsubscribe, $default): wiring only; see routes.ts.
 */
import { createDefaultPersona } from '@amianai/core/personas/default-persona';
import { onFirstSignIn } from '@amianai/shared/auth';
import { withObservability } from '@amianai/shared/observability';
import { route, type WebSocketEvent } from './routes';

// A user whose first request is a WebSocket connection still gets their starting persona with their row.
onFirstSignIn(createDefaultPersona);

export const handler = withObservability(async (event: WebSocketEvent) => route(event));
