import { ConfigError, parseRuntimeConfig } from './runtimeConfig';

describe('parseRuntimeConfig', () => {
  it('reads the local configuration', () => {
    expect(parseRuntimeConfig({ apiBaseUrl: '', auth: { mode: 'local' } })).toEqual({
      apiBaseUrl: '',
      auth: { mode: 'local' },
    });
  });

  it('reads the Cognito configuration and trims trailing slashes', () => {
    const config = parseRuntimeConfig({
      apiBaseUrl: 'https://api.example.com/',
      auth: {
        mode: 'cognito',
        authority: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc',
        clientId: 'client',
        domain: 'https://app.auth.eu-west-1.amazoncognito.com/',
      },
    });
    expect(config.apiBaseUrl).toBe('https://api.example.com');
    expect(config.auth).toMatchObject({
      mode: 'cognito',
      clientId: 'client',
      domain: 'https://app.auth.eu-west-1.amazoncognito.com',
    });
  });

  it('rejects a Cognito configuration without a client id', () => {
    expect(() =>
      parseRuntimeConfig({ auth: { mode: 'cognito', authority: 'https://x', domain: 'https://y' } }),
    ).toThrow(ConfigError);
  });

  it('rejects an unknown auth mode', () => {
    expect(() => parseRuntimeConfig({ auth: { mode: 'saml' } })).toThrow(/unknown auth mode/);
  });
});
