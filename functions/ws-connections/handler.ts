/**
 * WebSocket API routes ($connect, $disconnect, subscribe, unsubscribe, $default): wiring only; see routes.ts.
 */
import { withObservability } from '@amianai/shared/observability';
import { route, type WebSocketEvent } from './routes';

export const handler = withObservability(async (event: WebSocketEvent) => route(event));
