/** What the browser downloads: compressed scripts and styles, cached like CloudFront would cache them. */
import { expect, test } from './fixtures';

test('the app is sent compressed, hashed assets cached for a year and the page revalidated', async ({
  page,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'transfer does not depend on the screen');
  const assets: Array<{ url: string; encoding: string | undefined; cache: string | undefined }> = [];
  page.on('response', (response) => {
    const url = response.url();
    if (/\/assets\/.+\.(js|css)$/.test(url)) {
      const headers = response.headers();
      assets.push({ url, encoding: headers['content-encoding'], cache: headers['cache-control'] });
    }
  });
  const document = await page.goto('/signin');
  await expect(page.getByLabel('Sign in as')).toBeVisible();
  expect(document?.headers()['cache-control']).toBe('no-cache');
  expect(assets.length).toBeGreaterThan(0);
  for (const asset of assets) {
    expect(asset.encoding).toMatch(/^(br|gzip)$/);
    expect(asset.cache).toBe('public, max-age=31536000, immutable');
  }
});
