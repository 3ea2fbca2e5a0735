import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './chromium';
const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
for (const scheme of ['light', 'dark'] as const) for (const [w, h] of [[1280, 720], [1920, 1080]]) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: scheme });
  const page = await ctx.newPage();
  page.on('console', (m) => console.log('console', m.text()));
  page.on('pageerror', (m) => console.log('pageerror', m.message));
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await ctx.route(/\/assets\/ui-[\w-]+\.js$/, async (route) => { await held; await route.continue(); });
  await ctx.route(/MonacoEditor-/, () => {});
  await page.goto('http://127.0.0.1:4191/');
  await page.locator('#studio-shell textarea').waitFor();
  const rect = `(() => { const b = document.querySelector(SEL).getBoundingClientRect(); const g = document.querySelector(SEL.replace('textarea','').trim() + ' .light-editor__gutter'); return [b.left, b.top, b.width, b.height]; })()`;
  const shellRect = await page.evaluate(rect.replace(/SEL/g, "'#studio-shell .light-editor'"));
  await page.screenshot({ path: `/tmp/shellm/shell-${scheme}-${w}.png` });
  release();
  await page.locator('[data-testid="light-editor"]').waitFor();
  const reactRect = await page.evaluate(rect.replace(/SEL/g, "'[data-testid=\"light-editor\"]'"));
  await page.screenshot({ path: `/tmp/shellm/react-${scheme}-${w}.png` });
  console.log(scheme, w, h, JSON.stringify(shellRect), JSON.stringify(reactRect), await page.locator('#studio-shell').count());
  await ctx.close();
}
await browser.close();
