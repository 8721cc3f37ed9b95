// Every API failure shows what went wrong and the request id support needs to find it.
import { ApiError } from '../api/client';

export function describeError(error: unknown): {
  message: string;
  requestId: string | null;
  code: string | null;
} {
  if (error instanceof ApiError)
    return { message: error.message, requestId: error.requestId, code: error.code };
  if (error instanceof Error) return { message: error.message, requestId: null, code: null };
  return { message: 'Something went wrong.', requestId: null, code: null };
}

/** The API's answer for "no such thing, or not yours": 404, or 400 for an address that names nothing. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 400);
}

export function ErrorNotice({
  error,
  title,
  onRetry,
  compact = false,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  compact?: boolean;
}) {
  const { message, requestId } = describeError(error);
  return (
    <div className={compact ? 'notice notice--error notice--compact' : 'notice notice--error'} role="alert">
      <div className="notice__body">
        {title && <strong className="notice__title">{title}</strong>}
        <span className="notice__message">{message}</span>
        {requestId && (
          <span className="notice__meta">
            Request id <code>{requestId}</code>
          </span>
        )}
      </div>
      {onRetry && (
        <button type="button" className="btn btn--small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
