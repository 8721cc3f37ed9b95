import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has local defaults for everything optional', () => {
    const cfg = loadConfig({});
    expect(cfg.stage).toBe('local');
    expect(cfg.allowedOrigins).toEqual(['https://amianai.com', 'http://localhost:3000']);
    expect(cfg.dbPoolMax).toBe(2);
    expect(cfg.dbCaFile).toBeUndefined();
  });

  it('parses origin lists, trimming spaces and trailing slashes', () => {
    expect(
      loadConfig({ ALLOWED_ORIGINS: ' https://a.example/ , http://b.example:8080 ' }).allowedOrigins,
    ).toEqual(['https://a.example', 'http://b.example:8080']);
  });

  it('rejects numbers out of range with the variable name', () => {
    expect(() => loadConfig({ DB_POOL_MAX: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ AI_DAILY_BUDGET_USD: 'lots' })).toThrow(/AI_DAILY_BUDGET_USD/);
  });

  it('verifies database TLS against the runtime CA bundle when running in Lambda', () => {
    expect(loadConfig({ AWS_LAMBDA_FUNCTION_NAME: 'fn' }).dbCaFile).toBe('/var/runtime/ca-cert.pem');
    expect(loadConfig({ AWS_LAMBDA_FUNCTION_NAME: 'fn', AWS_SAM_LOCAL: 'true' }).dbCaFile).toBeUndefined();
  });
});
