/**
 * Security: user values are text, never markup; the Content-Security-Policy is sent and nothing the studio
 * does violates it; a hostile or corrupt journal file is refused with its message before anything is used.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../csp';
import { node, openStudio, recordErrors, replaceEditorText, runFromDialog, snap } from './studio-helpers';

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=1</script>';

/** A step that prints and returns markup, a wait whose event carries markup, and a step that raises it. */
const HOSTILE = `from workers import WorkflowEntrypoint
from workers.workflows import NonRetryableError

IMG = '${IMG}'
SCRIPT = '${SCRIPT}'


class HostileWorkflow(WorkflowEntrypoint):
    async def run(self, event, step):
        @step.do()
        async def echo():
            print(IMG)
            print(SCRIPT)
            return {"img": IMG, "script": SCRIPT}

        await echo()
        await step.wait_for_event("wait-hostile", "hostile", timeout="1 hour")

        @step.do()
        async def explode():
            raise NonRetryableError(IMG + SCRIPT)

        await explode()
`;

/**
 * CSP violations anywhere: the page's and its workers' console ("Refused to …"), and the document's
 * `securitypolicyviolation` events (which also fire for violations the console does not show).
 */
async function recordCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  const watch = (text: string) => {
    if (/Refused to|Content Security Policy/i.test(text)) violations.push(text);
  };
  page.on('console', (m) => watch(m.text()));
  page.on('worker', (w) => w.on('console', (m) => watch(m.text())));
  await page.exposeFunction('__cspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation;
      report(
        `securitypolicyviolation: ${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      );
    });
  });
  return violations;
}

/** Nothing injected ran or was parsed into the DOM. */
async function expectNothingExecuted(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(
    await page.evaluate(() => [...document.scripts].filter((s) => s.textContent?.includes('__pwned')).length),
  ).toBe(0);
}

test.describe('security', () => {
  test('the document is sent with our Content-Security-Policy', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
  });

  test('prints, results, errors and event payloads with markup are shown as text; nothing executes', async ({
    page,
  }) => {
    const violations = await recordCspViolations(page);
    const errors = recordErrors(page);
    await openStudio(page);

    // A new file, typed through the editor (Monaco and its worker under the CSP).
    await page.getByRole('button', { name: 'New file' }).click();
    const nameDialog = page.getByTestId('file-name-dialog');
    await nameDialog.getByRole('textbox').fill('hostile.py');
    await nameDialog.getByRole('button', { name: 'Create' }).click();
    await expect(page.getByTestId('file-select').locator('option:checked')).toHaveText('hostile.py');
    await replaceEditorText(page, HOSTILE, 'HostileWorkflow');
    await expect(node(page, 'explode')).toBeVisible();
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');

    // Run: echo prints and returns the markup, then the instance waits for the event.
    await runFromDialog(page);
    await expect(node(page, 'echo')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
    await expect(node(page, 'wait-hostile')).toHaveAttribute('data-status', 'waiting');
    await node(page, 'echo').click();
    const inspector = page.getByTestId('inspector-details');
    await expect(inspector).toHaveAttribute('data-node-name', 'echo');
    await expect(inspector.locator('.attempt__logs')).toHaveText(`${IMG}\n${SCRIPT}\n`);
    await expect(inspector.getByTestId('json-tree').last()).toContainText(JSON.stringify(IMG));
    await expect(inspector.getByTestId('json-tree').last()).toContainText(JSON.stringify(SCRIPT));
    await expectNothingExecuted(page);

    // An event whose payload is markup.
    await page.getByTestId('action-send-event').click();
    const send = page.getByTestId('send-event-dialog');
    await expect(send.getByTestId('event-type')).toHaveValue('hostile');
    await send.getByTestId('event-payload').fill(JSON.stringify({ img: IMG, script: SCRIPT }));
    await send.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(send).toHaveCount(0);

    // explode raises the markup: the step and the instance error with it.
    await expect(node(page, 'explode')).toHaveAttribute('data-status', /failed|errored/, { timeout: 30_000 });
    await expect(page.getByTestId('toolbar-instance')).toContainText('errored');
    await node(page, 'explode').click();
    await expect(inspector).toHaveAttribute('data-node-name', 'explode');
    await expect(inspector.getByTestId('attempt')).toContainText(`${IMG}${SCRIPT}`);
    await expectNothingExecuted(page);

    // The sent event in the history, and its payload in the inspector.
    await page.getByTestId('history-event').first().getByRole('button').click();
    await expect(inspector.locator('.inspector__kind')).toHaveText('event');
    await expect(inspector).toContainText('hostile');
    await expect(inspector.getByTestId('json-tree').last()).toContainText(JSON.stringify(IMG));
    await expect(inspector.getByTestId('json-tree').last()).toContainText(JSON.stringify(SCRIPT));
    // The markup is on screen as characters.
    await expect(page.getByText(JSON.stringify(IMG)).first()).toBeVisible();
    await snap(page, 'security-hostile-values');

    await expectNothingExecuted(page);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('a journal file with a hostile instance id, and a corrupt one, are refused with their messages', async ({
    page,
  }) => {
    const violations = await recordCspViolations(page);
    await openStudio(page);
    const fixture = JSON.parse(readFileSync('src/export/__fixtures__/order-complete.journal.json', 'utf8')) as {
      instance: { id: string };
      events: { instanceId: string }[];
    };
    fixture.instance.id = IMG;
    for (const e of fixture.events) e.instanceId = IMG;

    await page.getByTestId('open-import').click();
    const dialog = page.getByTestId('import-dialog');
    const pick = (name: string, text: string) =>
      dialog
        .getByTestId('import-file')
        .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });

    await pick('hostile.journal.json', JSON.stringify(fixture));
    await expect(dialog.getByTestId('import-error')).toHaveText(
      `Invalid journal file: instance.id: ${JSON.stringify(IMG)} contains "<"; only letters, digits, "-" and "_" are allowed. Nothing was imported.`,
    );
    await expect(dialog.getByTestId('import-summary')).toHaveCount(0);
    await expectNothingExecuted(page);

    await pick('corrupt.journal.json', '{"format": "workflow-studio-journal", "version": 1, "events": [');
    await expect(dialog.getByTestId('import-error')).toHaveText(
      'Not a journal file: it is not JSON (Unexpected end of JSON input). Nothing was imported.',
    );
    await snap(page, 'security-corrupt-journal');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('instance-row')).toHaveCount(0);
    expect(violations).toEqual([]);
  });
});
