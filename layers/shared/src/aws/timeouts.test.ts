import { SQSClient } from '@aws-sdk/client-sqs';
import { AWS_CONNECT_TIMEOUT_MS, AWS_REQUEST_TIMEOUT_MS, awsClientConfig } from './timeouts';

describe('AWS SDK client timeouts', () => {
  it('gives a client a connect and a request timeout instead of waiting forever', async () => {
    const client = new SQSClient({ region: 'us-east-1', ...awsClientConfig() });
    const handler = client.config.requestHandler as unknown as {
      configProvider: Promise<{ connectionTimeout?: number; requestTimeout?: number }>;
    };
    const settings = await handler.configProvider;
    expect(settings.connectionTimeout).toBe(AWS_CONNECT_TIMEOUT_MS);
    expect(settings.requestTimeout).toBe(AWS_REQUEST_TIMEOUT_MS);
    client.destroy();
  });

  it('fails a call to an address that never answers within the connect timeout', async () => {
    // A non-routable address: where the network drops the packets, only the connect timeout ends the call.
    const client = new SQSClient({
      region: 'us-east-1',
      endpoint: 'http://10.255.255.1:9',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      ...awsClientConfig(),
      maxAttempts: 1,
    });
    const { ListQueuesCommand } = await import('@aws-sdk/client-sqs');
    const started = Date.now();
    await expect(client.send(new ListQueuesCommand({}))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(AWS_CONNECT_TIMEOUT_MS + 2_000);
    client.destroy();
  }, 15_000);
});
