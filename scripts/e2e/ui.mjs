// npm run test:ui: what a person sees. Packs the extension (scripts/package-vsix.sh),
// installs the .vsix into a fresh code-server extensions folder, opens a copy
// of test/vscode-workspace in Chromium (playwright-core) and checks, through
// the DOM only:
//   1. a story with a missing part has its row in the Problems panel;
//   2. the STAR Stories side bar lists the 16 principles with their counts,
//      and the status bar shows LP 9/16;
//   3. the light bulb (Ctrl+.) offers the quick fix, choosing it edits the text,
//      and the side bar and status bar follow (LP 10/16);
//   4. typing a snippet prefix and accepting it inserts the snippet.
// A PNG of each step goes to .artifacts/ui/; with STAR_UI_UPDATE_DOCS=1 (or
// --update-docs) the coverage and quick-fix shots are copied to docs/images/.
// Ends with "N passed, N failed"; code-server and Chromium are always stopped.

import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  SetupError,
  chromiumPath,
  copyWorkspace,
  ensureCodeServer,
  ensureNode24,
  finish,
  killGroup,
  launchChromium,
  log,
  repo,
  run,
  scratchDir,
  startCodeServer,
  workbenchUrl,
  writeUserSettings,
  codeServerEntry,
} from './lib.mjs';

const TIMEOUT_MS = Number(process.env.STAR_E2E_TIMEOUT_MS) || 5 * 60_000;
const STEP_MS = 45_000;
const artifacts = path.join(repo, '.artifacts', 'ui');
const updateDocs = process.argv.includes('--update-docs') || !!process.env.STAR_UI_UPDATE_DOCS;

const results = [];
let currentPage;

/** One check: runs `fn`, records pass or fail, never throws (the next check still runs). */
async function check(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✔ ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false, error: e });
    if (currentPage) await shot(currentPage, `FAILED-${results.length}`).catch(() => undefined);
    // leave no menu or widget open for the next check
    if (currentPage) await currentPage.keyboard.press('Escape').catch(() => undefined);
    console.log(
      `  ✘ ${name}\n      ${String(e instanceof Error ? e.message : e)
        .split('\n')
        .join('\n      ')}`,
    );
  }
}

const norm = (s) => String(s ?? '').replace(/\u00a0/g, ' ');

async function shot(page, name) {
  const file = path.join(artifacts, `${name}.png`);
  await page.mouse.move(700, 10); // no hover left over from a click
  await page.screenshot({ path: file });
  return file;
}

/** The text of the active editor as displayed (only the rendered lines). */
async function editorText(page) {
  const lines = await page.$$eval('.editor-group-container.active .editor-instance .monaco-editor .view-lines .view-line', (els) =>
    els
      .map((e) => ({ top: parseFloat(e.style.top || '0'), text: e.textContent ?? '' }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text),
  );
  return norm(lines.join('\n'));
}

async function waitForEditorText(page, pred, what) {
  const deadline = Date.now() + STEP_MS;
  let last = '';
  while (Date.now() < deadline) {
    last = await editorText(page).catch(() => '');
    if (pred(last)) return last;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; the editor shows:\n${last}`);
}

/** Open a workspace file with Quick Open (Ctrl+P), as a person would. */
async function openFile(page, rel) {
  const name = path.basename(rel);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_MS });
  await input.fill(rel);
  await page.locator(`.quick-input-widget .monaco-list-row[aria-label*="${name}"]`).first().waitFor({ timeout: STEP_MS });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`).waitFor({ timeout: STEP_MS });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ timeout: STEP_MS });
}

/** Open the Problems panel by its status bar entry (a second click would close it). */
async function showProblems(page) {
  if (await page.locator('.markers-panel').isVisible()) return;
  await page.locator('#status\\.problems').click();
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: STEP_MS });
}

/** Put the cursor at a 1-based line and column with Go to Line (Ctrl+G). */
async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_MS });
  await input.fill(`:${line}:${column}`); // Go to Line is Quick Open with a ":" prefix
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: STEP_MS });
}

async function main() {
  const started = Date.now();
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const serverLog = path.join(artifacts, 'code-server.log');

  chromiumPath();
  log('ui', 'packing the extension (scripts/package-vsix.sh)');
  const vsix = path.join(artifacts, 'star-stories.vsix');
  await run('bash', [path.join(repo, 'scripts', 'package-vsix.sh'), vsix], { quiet: true, timeoutMs: 5 * 60_000, what: 'scripts/package-vsix.sh' });
  const node = await ensureNode24();
  await ensureCodeServer(node);

  const tmp = scratchDir('ui');
  const workspace = copyWorkspace(tmp);
  fs.mkdirSync(path.join(workspace, 'drafts'));
  fs.writeFileSync(path.join(workspace, 'drafts', 'scratch.md'), '');
  // a story told in one paragraph, for the inlay hints
  fs.writeFileSync(
    path.join(workspace, 'drafts', 'catalogue.md'),
    "## Bias for Action: Rescuing the spring catalogue\n\nTwo weeks before the print date, our photo supplier lost half of the product shots.\nAs the catalogue lead, I had to get a complete catalogue to the printer on the original date.\nI booked the in-house studio for a one-day reshoot and re-used last season's photos.\nThe catalogue went to print on time with 212 of its 214 products pictured.\n",
  );
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  writeUserSettings(userDataDir, {
    'workbench.colorTheme': 'Default Dark Modern',
    'editor.minimap.enabled': false,
    'window.commandCenter': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  });

  log('ui', 'installing the .vsix into a fresh extensions folder');
  const installed = await run(node, [codeServerEntry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix], {
    quiet: true,
    timeoutMs: 2 * 60_000,
    what: 'code-server --install-extension',
  });
  if (!/successfully installed/i.test(installed)) throw new SetupError(`installing the .vsix said:\n${installed}`);

  let server;
  let chromium;
  const watchdog = setTimeout(() => {
    console.error(`\ntest:ui: did not finish within ${TIMEOUT_MS / 1000} s (STAR_E2E_TIMEOUT_MS); stopping.`);
    console.log(`${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
    process.exit(1); // the exit handler in lib.mjs kills code-server and Chromium
  }, TIMEOUT_MS);
  try {
    server = await startCodeServer({ node, userDataDir, extensionsDir, logFile: serverLog });
    chromium = await launchChromium();
    const page = await chromium.browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(STEP_MS);
    currentPage = page;
    await page.goto(workbenchUrl(server.url, server.port, workspace), { timeout: 60_000 });
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: 60_000 });
    log('ui', `workbench loaded (${Math.round((Date.now() - started) / 1000)} s)`);

    await check('Problems panel shows missing-section for a story with no Task', async () => {
      await openFile(page, 'stories/nightly-reports.md');
      await showProblems(page);
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'has no Task part' });
      await row.first().waitFor({ timeout: STEP_MS });
      const text = norm(await row.first().textContent());
      const label = norm(await row.first().getAttribute('aria-label'));
      if (!/"Moving nightly reports off a dying server" has no Task part: no label marks it and no sentence says what you were responsible for\./.test(text))
        throw new Error(`row text: ${text}`);
      if (!/missing-section/.test(text + label)) throw new Error(`no rule id in the row: ${text} / ${label}`);
      if (!/\[Ln 2, Col 1\]/.test(text)) throw new Error(`the row does not point at line 2: ${text}`);
      await shot(page, '01-problems');
    });

    await check('a story told in prose shows S: T: A: R: inlay hints where its parts start', async () => {
      await openFile(page, 'drafts/catalogue.md');
      const lines = page.locator('.editor-instance .monaco-editor .view-lines');
      await lines.filter({ hasText: 'Rescuing the spring catalogue' }).first().waitFor({ timeout: STEP_MS });
      // inlay hints are drawn as injected text before the line's first character: read what is rendered
      await page.waitForFunction(
        () => {
          const texts = [...document.querySelectorAll('.editor-instance .monaco-editor .view-line')].map((l) => {
            const spans = [...l.querySelectorAll('span')];
            return spans.map((sp) => getComputedStyle(sp, '::before').content + getComputedStyle(sp, '::after').content + (sp.textContent ?? '')).join('');
          });
          return ['S:', 'T:', 'A:', 'R:'].every((h) => texts.some((t) => t.includes(h)));
        },
        null,
        { timeout: STEP_MS },
      );
      await shot(page, '00-inlay-hints');
    });

    await check('STAR Stories side bar lists the 16 principles with their counts; status bar shows LP 9/16', async () => {
      await page.locator('.activitybar .action-item a[aria-label^="STAR Stories"]').click();
      const pane = '.pane:has(.pane-header[aria-label^="Principle Coverage"])';
      const rows = page.locator(`${pane} .monaco-list-row`);
      await page.locator(`${pane} .monaco-list-row .label-name`).first().waitFor({ timeout: STEP_MS });
      // make room for all 16 rows: collapse the container's other views
      const others = page.locator('.sidebar .pane-header[aria-expanded="true"]:not([aria-label^="Principle Coverage"])');
      while ((await others.count()) > 0) await others.first().click();
      await page.waitForFunction((sel) => document.querySelectorAll(sel).length >= 16, `${pane} .monaco-list-row`, { timeout: STEP_MS });
      const seen = await rows.evaluateAll((els) =>
        els.map((e) => ({
          name: e.querySelector('.label-name')?.textContent ?? '',
          description: e.querySelector('.label-description')?.textContent ?? '',
        })),
      );
      const byName = new Map(seen.map((r) => [r.name, r.description]));
      const expect = {
        'Earn Trust': '2 stories',
        'Dive Deep': '2 stories',
        Ownership: '1 story (target 2)',
        'Think Big': 'no story yet',
        'Customer Obsession': 'no story yet',
      };
      if (byName.size !== 16) throw new Error(`${byName.size} rows: ${JSON.stringify(seen)}`);
      for (const [name, d] of Object.entries(expect)) {
        if (byName.get(name) !== d) throw new Error(`${name}: "${byName.get(name)}", expected "${d}"`);
      }
      const status = page.locator('.statusbar-item', { hasText: /^LP \d+\/\d+$/ });
      await status.first().waitFor({ timeout: STEP_MS });
      const text = norm(await status.first().textContent()).trim();
      if (text !== 'LP 9/16') throw new Error(`status bar: ${text}`);
      const file = await shot(page, '02-coverage');
      if (updateDocs) fs.copyFileSync(file, path.join(repo, 'docs', 'images', 'coverage.png'));
    });

    await check('the light bulb (Ctrl+.) offers Change to "Customer Obsession"; choosing it fixes the name and coverage follows', async () => {
      await openFile(page, 'stories/refund-flow.md');
      await waitForEditorText(page, (t) => t.includes('Customer Obssesion'), 'refund-flow.md');
      // the error squiggle is drawn once the server has checked the file
      await page.locator('.editor-group-container.active .monaco-editor .squiggly-error').first().waitFor({ timeout: STEP_MS });
      await showProblems(page);
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'is not a known principle' }).first().waitFor({ timeout: STEP_MS });
      const menu = page.locator('.action-widget');
      const fix = menu.locator('.monaco-list-row', { hasText: 'Change to "Customer Obsession"' });
      // On a loaded machine the first Ctrl+. can land before the editor has the
      // cursor (no menu opens at all); press it again, as a person would. A fix
      // that is never offered still fails after the last try.
      for (let attempt = 1; ; attempt++) {
        await goTo(page, 4, 8);
        await page.keyboard.press('Control+.');
        try {
          await fix.first().waitFor({ timeout: attempt < 3 ? 10_000 : STEP_MS });
          break;
        } catch (e) {
          if (attempt >= 3) throw e;
          await page.keyboard.press('Escape');
        }
      }
      const file = await shot(page, '03-quick-fix-menu');
      if (updateDocs) fs.copyFileSync(file, path.join(repo, 'docs', 'images', 'quick-fix.png'));
      await fix.first().click();
      const text = await waitForEditorText(page, (t) => !t.includes('Obssesion'), 'the fix to be applied');
      if (!/^ {2}- Customer Obsession$/m.test(text)) throw new Error(`editor text:\n${text}`);
      await page.locator('.editor-group-container.active .monaco-editor .squiggly-error').first().waitFor({ state: 'detached', timeout: STEP_MS });
      // the story now counts for Customer Obsession: the side bar and the status bar follow the unsaved edit
      await page
        .locator('.statusbar-item', { hasText: /^LP 10\/16$/ })
        .first()
        .waitFor({ timeout: STEP_MS });
      const row = page.locator('.pane:has(.pane-header[aria-label^="Principle Coverage"]) .monaco-list-row', { hasText: 'Customer Obsession' });
      await row.locator('.label-description', { hasText: '1 story (target 2)' }).first().waitFor({ timeout: STEP_MS });
      await shot(page, '04-quick-fix-applied');
    });
    await check('typing star-situation and accepting the suggestion inserts the Situation snippet', async () => {
      await openFile(page, 'drafts/scratch.md');
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
      await page.keyboard.type('star-situation');
      await page.keyboard.press('Control+Space'); // markdown does not pop suggestions up by itself
      const item = page.locator('.suggest-widget .monaco-list-row', { hasText: 'star-situation' });
      await item.first().waitFor({ timeout: STEP_MS });
      await shot(page, '05-snippet-suggest');
      await page.keyboard.press('Enter');
      const text = await waitForEditorText(page, (t) => t.includes('## Situation'), 'the snippet');
      const want = '## Situation\n\nWhere and when: the team, the stakes, what was going wrong.';
      if (!text.startsWith(want)) throw new Error(`editor text:\n${text}`);
      await shot(page, '06-snippet-inserted');
    });
    await check('Plan My Loop shows the Loop Plan: interviewers, their principles and the stories to tell', async () => {
      await page.keyboard.press('Control+Shift+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: STEP_MS });
      await input.fill('>STAR Stories: Plan My Loop');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Plan My Loop' }).first().waitFor({ timeout: STEP_MS });
      await page.keyboard.press('Enter');
      const pane = '.pane:has(.pane-header[aria-label^="Loop Plan"])';
      await page.locator(`${pane} .monaco-list-row`, { hasText: 'Bar Raiser' }).first().waitFor({ timeout: STEP_MS });
      // make room: collapse the container's other views
      const others = page.locator('.sidebar .pane-header[aria-expanded="true"]:not([aria-label^="Loop Plan"])');
      while ((await others.count()) > 0) await others.first().click();
      await page.locator(`${pane} .monaco-list-row`, { hasText: 'Interviewer 1' }).first().waitFor({ timeout: STEP_MS });
      const rows = await page.locator(`${pane} .monaco-list-row .label-name`).allTextContents();
      for (const want of ['Interviewer 1', 'Customer Obsession', 'Dive Deep'])
        if (!rows.some((r) => r.includes(want))) throw new Error(`no "${want}" row: ${JSON.stringify(rows)}`);
      await shot(page, '07-loop-plan');
    });
  } finally {
    clearTimeout(watchdog);
    if (chromium) await chromium.close();
    if (server) await killGroup(server.child);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  finish(passed, failed, `ui tier: ${Math.round((Date.now() - started) / 1000)} s; screenshots in ${path.relative(repo, artifacts)}/`);
}

main().catch((e) => {
  const setup = e instanceof SetupError;
  console.error(`\ntest:ui ${setup ? 'setup failed' : 'failed'}: ${e instanceof Error ? e.stack || e.message : e}`);
  console.log(`${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
  process.exitCode = 1;
});
