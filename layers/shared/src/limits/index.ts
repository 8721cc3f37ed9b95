export { enforceWriteLimit, type WriteLimitState } from './write-limit';
