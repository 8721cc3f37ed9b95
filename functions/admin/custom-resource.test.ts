import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CustomResourceEvent,
  type CustomResourceResponse,
  handleCustomResource,
  isCustomResourceEvent,
  putResponse,
} from './custom-resource';

const event = (type: CustomResourceEvent['RequestType'], physical?: string): CustomResourceEvent => ({
  RequestType: type,
  ResponseURL: 'https://example.invalid/response',
  StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/amianai-dev/1',
  RequestId: 'req-1',
  LogicalResourceId: 'DatabaseMigrations',
  PhysicalResourceId: physical,
  ResourceType: 'Custom::DatabaseMigrations',
  ResourceProperties: { ServiceToken: 'arn', AdminVersion: '7' },
});

function recorder() {
  const sent: CustomResourceResponse[] = [];
  return { sent, respond: async (_url: string, body: CustomResourceResponse) => void sent.push(body) };
}

describe('DatabaseMigrations custom resource', () => {
  it('recognises CloudFormation events and nothing else', () => {
    expect(isCustomResourceEvent(event('Create'))).toBe(true);
    expect(isCustomResourceEvent({ action: 'migrate' })).toBe(false);
    expect(isCustomResourceEvent({ httpMethod: 'GET' })).toBe(false);
  });

  it.each(['Create', 'Update'] as const)('runs the migrations on %s and reports SUCCESS', async (type) => {
    const { sent, respond } = recorder();
    const work = jest.fn(async () => ({ version: '3', applied: '2,3' }));
    await handleCustomResource(event(type, type === 'Update' ? 'kept-id' : undefined), work, respond);
    expect(work).toHaveBeenCalledTimes(1);
    expect(sent).toEqual([
      expect.objectContaining({
        Status: 'SUCCESS',
        RequestId: 'req-1',
        LogicalResourceId: 'DatabaseMigrations',
        PhysicalResourceId: type === 'Update' ? 'kept-id' : 'DatabaseMigrations-database-migrations',
        Data: { version: '3', applied: '2,3' },
      }),
    ]);
  });

  it('reports FAILED with the error message, so CloudFormation rolls the stack back', async () => {
    const { sent, respond } = recorder();
    const failure = Object.assign(new Error('relation "x" already exists'), { name: 'DatabaseError' });
    await handleCustomResource(event('Update', 'kept-id'), () => Promise.reject(failure), respond);
    expect(sent[0]).toMatchObject({
      Status: 'FAILED',
      PhysicalResourceId: 'kept-id',
      Reason: 'migration failed: DatabaseError: relation "x" already exists',
    });
  });

  it('does nothing on Delete: the data outlives the stack', async () => {
    const { sent, respond } = recorder();
    const work = jest.fn(async () => ({}));
    await handleCustomResource(event('Delete', 'kept-id'), work, respond);
    expect(work).not.toHaveBeenCalled();
    expect(sent[0]).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'kept-id' });
  });

  it('PUTs the answer as JSON without a content type (the pre-signed URL signs an empty one)', async () => {
    const received: { method?: string; type?: string; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        received.push({ method: req.method, type: req.headers['content-type'], body });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const answer: CustomResourceResponse = {
        Status: 'SUCCESS',
        PhysicalResourceId: 'p',
        StackId: 's',
        RequestId: 'r',
        LogicalResourceId: 'l',
      };
      await putResponse(`http://127.0.0.1:${port}/signed?X-Amz-Signature=abc`, answer);
      expect(received).toEqual([{ method: 'PUT', type: '', body: JSON.stringify(answer) }]);
    } finally {
      server.close();
    }
  });
});
