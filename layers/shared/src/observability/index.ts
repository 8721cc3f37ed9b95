export { withObservability } from './lambda';
export { logger } from './logger';
export { MetricUnit, metrics } from './metrics';
export { traced, tracer } from './tracer';
