/** The one Powertools Metrics instance (CloudWatch EMF); flushed by the handler wrappers. */
import { Metrics } from '@aws-lambda-powertools/metrics';

export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'AmIAnAI',
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'amianai',
});

export { MetricUnit } from '@aws-lambda-powertools/metrics';
