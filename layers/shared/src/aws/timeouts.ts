/**
 * Connect and request timeouts for every AWS SDK client the layer creates. The SDK's defaults wait forever
 * (connection timeout 0): in a subnet without a NAT route or endpoint a call would hang until the function
 * times out, instead of failing fast where the caller can log it, fall back or retry.
 */
export const AWS_CONNECT_TIMEOUT_MS = 3_000;
export const AWS_REQUEST_TIMEOUT_MS = 5_000;

/** Client settings to spread into any `new XxxClient({...})`. */
export function awsClientConfig(): {
  requestHandler: { connectionTimeout: number; requestTimeout: number };
  maxAttempts: number;
} {
  return {
    requestHandler: { connectionTimeout: AWS_CONNECT_TIMEOUT_MS, requestTimeout: AWS_REQUEST_TIMEOUT_MS },
    maxAttempts: 3,
  };
}

type SecretsProvider = import('@aws-lambda-powertools/parameters/secrets').SecretsProvider;
let provider: Promise<SecretsProvider> | undefined;

/**
 * A secret through Powertools Parameters (cached for `maxAge` seconds), on a Secrets Manager client with the
 * timeouts above. Loaded on first use so functions that never read a secret do not pay for the SDK.
 */
export async function getSecretValue<T = string>(
  arn: string,
  options: { maxAge: number; forceFetch?: boolean; transform?: 'json' },
): Promise<T | undefined> {
  provider ??= import('@aws-lambda-powertools/parameters/secrets').then(
    ({ SecretsProvider }) => new SecretsProvider({ clientConfig: awsClientConfig() }),
  );
  const value = await (await provider).get(arn, options as never);
  return value as T | undefined;
}
