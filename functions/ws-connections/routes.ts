/**
 * The WebSocket API's routes: $connect records the connection for the authorised user, $disconnect forgets
 * it, `subscribe`/`unsubscribe` follow a conversation under the same rule as reading it over HTTP, and
 * `$default` answers `ping` (clients keep idle sockets open with it) and refuses anything else.
 * Replies to client messages go back through the route response, in the HTTP API's error shape.
 */
import { visibleConversation } from '@amianai/core/conversations';
import { ensureUser } from '@amianai/shared/auth';
import { db } from '@amianai/shared/db';
import { HttpError, Invalid, NotFound, Uuid, validate } from '@amianai/shared/http';
import { logger } from '@amianai/shared/observability';
import {
  findConnection,
  identityFromAuthorizer,
  MAX_SUBSCRIPTIONS,
  removeConnections,
  saveConnection,
  subscribe,
  unsubscribe,
} from '@amianai/shared/push';
import { Type } from '@sinclair/typebox';

export interface WebSocketEvent {
  requestContext: {
    routeKey: string;
    connectionId: string;
    requestId?: string;
    authorizer?: Record<string, unknown> | null;
  };
  body?: string | null;
}

export interface RouteReply {
  statusCode: number;
  body?: string;
}

const Follow = Type.Object(
  { action: Type.Union([Type.Literal('subscribe'), Type.Literal('unsubscribe')]), conversationId: Uuid() },
  { additionalProperties: false },
);
const Ping = Type.Object({ action: Type.Literal('ping') }, { additionalProperties: false });

/** Messages larger than this are refused before parsing (API Gateway's own frame limit is 128 KB). */
const MAX_MESSAGE_BYTES = 4096;

const reply = (statusCode: number, body: Record<string, unknown>): RouteReply => ({
  statusCode,
  body: JSON.stringify(body),
});

function parse(body: string | null | undefined): unknown {
  if (!body) throw new Invalid('Send a JSON message such as {"action":"subscribe","conversationId":"…"}');
  if (Buffer.byteLength(body) > MAX_MESSAGE_BYTES)
    throw new Invalid(`Messages must be at most ${MAX_MESSAGE_BYTES} bytes`);
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw new Invalid('The message is not valid JSON');
  }
}

async function follow(connectionId: string, message: unknown): Promise<RouteReply> {
  const { action, conversationId } = validate(Follow, message, 'message');
  const id = conversationId.toLowerCase();
  if (action === 'unsubscribe') {
    await unsubscribe(db, connectionId, id);
    return reply(200, { type: 'unsubscribed', conversationId: id });
  }
  // An expired or unknown connection reads as not found too: the client reconnects and subscribes again.
  const connection = await findConnection(db, connectionId);
  if (!connection) throw new NotFound('Conversation');
  // The rule for reading the conversation over HTTP (participants' users and admins; 404 for anyone else).
  await visibleConversation(id, connection);
  const outcome = await subscribe(db, connectionId, id);
  if (outcome === 'subscribed') return reply(200, { type: 'subscribed', conversationId: id });
  if (outcome === 'too_many') {
    throw new HttpError(
      409,
      'too_many_subscriptions',
      `Follow at most ${MAX_SUBSCRIPTIONS} conversations per connection`,
    );
  }
  throw new NotFound('Conversation');
}

function other(message: unknown): RouteReply {
  const action = (message as { action?: unknown } | null)?.action;
  if (action === 'ping') {
    validate(Ping, message, 'message');
    return reply(200, { type: 'pong' });
  }
  throw new Invalid('Unknown action', [
    { path: 'message/action', message: 'Use subscribe, unsubscribe or ping' },
  ]);
}

async function onMessage(event: WebSocketEvent): Promise<RouteReply> {
  const { routeKey, connectionId, requestId } = event.requestContext;
  let message: unknown;
  try {
    message = parse(event.body);
    return routeKey === 'subscribe' || routeKey === 'unsubscribe'
      ? await follow(connectionId, message)
      : other(message);
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    const { action, conversationId } = (message ?? {}) as { action?: unknown; conversationId?: unknown };
    return reply(err.status, {
      type: 'error',
      ...(typeof action === 'string' ? { action } : {}),
      ...(typeof conversationId === 'string' ? { conversationId } : {}),
      error: { code: err.code, message: err.message, details: err.details, requestId },
    });
  }
}

export async function route(event: WebSocketEvent): Promise<RouteReply> {
  const { routeKey, connectionId } = event.requestContext;
  if (routeKey === '$connect') {
    // The authorizer already refused bad tokens; this reads its context as the REST claims are read.
    let caller: ReturnType<typeof identityFromAuthorizer>;
    try {
      caller = identityFromAuthorizer(event.requestContext.authorizer);
    } catch {
      return { statusCode: 401 };
    }
    const user = await ensureUser(caller);
    await saveConnection(db, connectionId, { userId: user.id, isAdmin: caller.isAdmin });
    return { statusCode: 200 };
  }
  if (routeKey === '$disconnect') {
    await removeConnections(db, [connectionId]);
    logger.debug('WebSocket disconnected');
    return { statusCode: 200 };
  }
  return onMessage(event);
}
