#!/usr/bin/env node
/**
 * Turns the stack's outputs (`aws cloudformation describe-stacks --query 'Stacks[0].Outputs'`) into the
 * web app's runtime config.json, and prints the values later deploy steps need as `name=value` lines
 * (for $GITHUB_OUTPUT).
 *
 *   node scripts/site-config.mjs outputs.json frontend/dist/config.json >> "$GITHUB_OUTPUT"
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function outputsMap(outputs) {
  return Object.fromEntries(outputs.map((o) => [o.OutputKey, o.OutputValue]));
}

export function siteConfig(out) {
  for (const key of ['ApiUrl', 'AuthAuthority', 'UserPoolClientId', 'AuthDomainUrl']) {
    if (!out[key]) throw new Error(`stack output ${key} is missing`);
  }
  return {
    apiBaseUrl: out.ApiUrl.replace(/\/$/, ''),
    ...(out.WebSocketUrl ? { webSocketUrl: out.WebSocketUrl } : {}),
    auth: {
      mode: 'cognito',
      authority: out.AuthAuthority,
      clientId: out.UserPoolClientId,
      domain: out.AuthDomainUrl,
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [outputsFile, configFile] = process.argv.slice(2);
  if (!outputsFile || !configFile) {
    console.error('usage: site-config.mjs <outputs.json> <config.json>');
    process.exit(2);
  }
  const out = outputsMap(JSON.parse(readFileSync(outputsFile, 'utf8')));
  writeFileSync(configFile, `${JSON.stringify(siteConfig(out), null, 2)}\n`);
  const names = {
    api_url: 'ApiUrl',
    site_url: 'SiteUrl',
    bucket: 'SiteBucketName',
    distribution_id: 'DistributionId',
    admin_function: 'AdminFunctionName',
    smoke_client_id: 'SmokeTestClientId',
  };
  for (const [name, key] of Object.entries(names)) console.log(`${name}=${out[key] ?? ''}`);
}
