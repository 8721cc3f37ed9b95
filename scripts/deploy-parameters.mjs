#!/usr/bin/env node
/**
 * Prints `sam deploy --parameter-overrides` arguments for a stage, one `Key="value"` per line: the stage's
 * parameter_overrides from samconfig.toml, plus account-specific values from the environment (the deploy
 * workflow maps repository/environment variables onto these names). A value given on the command line
 * replaces samconfig's list wholesale, hence the merge here.
 *
 *   mapfile -t params < <(node scripts/deploy-parameters.mjs dev)
 *   sam deploy --config-env dev --parameter-overrides "${params[@]}"
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Environment variable → template parameter. Unset or empty variables leave the parameter alone. */
export const FROM_ENV = {
  CREATE_NETWORK: 'CreateNetwork',
  NAT_GATEWAYS: 'NatGateways',
  CREATE_INTERFACE_ENDPOINTS: 'CreateInterfaceEndpoints',
  VPC_ID: 'VpcId',
  PRIVATE_SUBNET_IDS: 'PrivateSubnetIds',
  EXISTING_DB_SECRET_ARN: 'ExistingDbSecretArn',
  EXISTING_DB_HOST: 'ExistingDbHost',
  ENABLE_RDS_PROXY: 'EnableRdsProxy',
  API_DOMAIN_NAME: 'ApiDomainName',
  API_CERTIFICATE_ARN: 'ApiCertificateArn',
  SITE_DOMAIN_NAME: 'SiteDomainName',
  SITE_CERTIFICATE_ARN: 'SiteCertificateArn',
  HOSTED_ZONE_ID: 'HostedZoneId',
  AUTH_DOMAIN_PREFIX: 'AuthDomainPrefix',
  EXTRA_ALLOWED_ORIGINS: 'AllowedOrigins',
  OPENAI_SECRET_ARN: 'OpenAiSecretArn',
  ALARM_EMAIL: 'AlarmEmail',
  MANAGE_API_GATEWAY_ACCOUNT: 'ManageApiGatewayAccount',
  DELETION_PROTECTION: 'DeletionProtection',
  ENABLE_WAF: 'EnableWaf',
  WAF_RATE_LIMIT: 'WafRateLimit',
  API_RESERVED_CONCURRENCY: 'ApiReservedConcurrency',
  DEPLOYMENT_STRATEGY: 'DeploymentStrategy',
  SES_IDENTITY_ARN: 'SesIdentityArn',
  EMAIL_FROM_ADDRESS: 'EmailFromAddress',
  DB_CONNECTIONS_ALARM_THRESHOLD: 'DbConnectionsAlarmThreshold',
};

/** `Key="value"` pairs of `[<stage>.deploy.parameters] parameter_overrides` in samconfig.toml. */
export function samconfigOverrides(stage, text = readFileSync(path.join(ROOT, 'samconfig.toml'), 'utf8')) {
  const section = text.split(/^\[/m).find((s) => s.startsWith(`${stage}.deploy.parameters]`));
  if (!section) throw new Error(`samconfig.toml has no [${stage}.deploy.parameters]`);
  const line = section.match(/^parameter_overrides\s*=\s*"((?:[^"\\]|\\.)*)"/m);
  if (!line) return {};
  const unescaped = line[1].replace(/\\"/g, '"');
  return Object.fromEntries([...unescaped.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
}

export function deployParameters(stage, env = process.env) {
  const params = samconfigOverrides(stage);
  for (const [variable, parameter] of Object.entries(FROM_ENV)) {
    const value = env[variable]?.trim();
    if (value) params[parameter] = value;
  }
  return Object.entries(params).map(([k, v]) => `${k}="${v.replace(/"/g, '\\"')}"`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const stage = process.argv[2];
  if (!stage) {
    console.error('usage: deploy-parameters.mjs <stage>');
    process.exit(2);
  }
  console.log(deployParameters(stage).join('\n'));
}
