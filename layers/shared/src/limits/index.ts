export { enforceWriteLimit, WRITE_WINDOW_SECONDS, type WriteLimitState } from './write-limit';
