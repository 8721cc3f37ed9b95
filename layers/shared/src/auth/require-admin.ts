/** Admin-only routes check the Cognito `admin` group before touching the database. */
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { Forbidden } from '../http/errors';
import { type Caller, callerFromEvent } from './claims';

export function requireAdmin(event: Pick<APIGatewayProxyEvent, 'requestContext'>): Caller {
  const caller = callerFromEvent(event);
  if (!caller.isAdmin) throw new Forbidden('Administrators only');
  return caller;
}
