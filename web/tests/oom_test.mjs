// Out-of-memory tests of the single-file web viewer in headless Chromium. The page's wasm heap is taken until it
// cannot grow (window.agentreel._exhaustMemoryForTest), then the viewer must say in the page that it ran out of
// memory, never die silently or show garbage:
//   1. EMBEDDED.html (a bundle embedded) loaded, heap full, a span selected: the viewer's C++ allocation fails,
//      its new-handler reports it (status 'fatal', the message box visible); screenshot saved.
//   2. TEMPLATE.html (the empty viewer), heap full but for room to copy BUNDLE in and 64 KiB, BUNDLE opened:
//      decoding it fails for memory, reported as an out_of_memory load error; then with 4 KiB to spare, where
//      the same fatal report is also accepted.
//
// usage: node web/tests/oom_test.mjs TEMPLATE.html EMBEDDED.html BUNDLE SCREENSHOT.png
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {chromium} from 'playwright-core';

const [templatePath, embeddedPath, bundlePath, screenshot] = process.argv.slice(2);
if (!screenshot) {
  console.error('usage: node web/tests/oom_test.mjs TEMPLATE.html EMBEDDED.html BUNDLE SCREENSHOT.png');
  process.exit(2);
}
const problems = [];

async function openPage(context, pagePath, status) {
  const page = await context.newPage();
  const pageUrl = pathToFileURL(pagePath).href;
  page.on('request', (request) => {
    const url = request.url();
    if (url.split('#')[0] !== pageUrl && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.push(`network request: ${request.method()} ${url}`);
    }
  });
  // The abort that follows the viewer's own out-of-memory report surfaces as a page error; anything else fails.
  page.on('pageerror', (error) => {
    if (!/^Aborted\(/.test(error.message)) problems.push(`page error: ${error.message}`);
  });
  await page.goto(pageUrl, {waitUntil: 'load'});
  await page.waitForFunction((want) => window.agentreel && window.agentreel.status === want, status,
                             {timeout: 90000, polling: 100});
  return page;
}

async function fillHeap(page, leaveBytes) {
  const heap = await page.evaluate((leave) => window.agentreel._exhaustMemoryForTest(leave), leaveBytes);
  console.log(`oom_test: wasm heap grown to ${(heap / 2 ** 30).toFixed(2)} GiB and full`);
  if (heap < 2 ** 31) problems.push(`the heap stopped growing at ${heap} bytes, well short of the 4 GiB cap`);
}

async function waitForStatus(page, statuses) {
  try {
    await page.waitForFunction((want) => want.includes(window.agentreel.status), statuses,
                               {timeout: 30000, polling: 100});
  } catch (error) {
    const now = await page.evaluate(() => `${window.agentreel.status}: ${window.agentreel.error}`);
    problems.push(`no out-of-memory report; the viewer is ${now}`);
    return null;
  }
  return page.evaluate(() => {
    const box = document.getElementById('agentreel-fatal');
    return {status: window.agentreel.status, error: window.agentreel.error, boxVisible: !!box && !box.hidden,
            boxText: document.getElementById('agentreel-fatal-text')?.textContent || '',
            title: document.getElementById('agentreel-fatal-title')?.textContent || '',
            browserHint: !document.getElementById('agentreel-fatal-hint')?.hidden};
  });
}

async function main() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentreel-oom-test-'));
  const bundle = [...fs.readFileSync(bundlePath)];
  const context = await chromium.launchPersistentContext(path.join(workDir, 'profile'), {
    executablePath: process.env.AGENTREEL_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: {width: 1280, height: 800},
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
           '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    // 1. A loaded bundle, then no memory left at all: selecting a span makes the viewer allocate.
    const loaded = await openPage(context, embeddedPath, 'loaded');
    await loaded.waitForTimeout(1000);  // let the lazy analysis and first frames settle
    await fillHeap(loaded, 0);
    await loaded.evaluate(() => window.agentreel.selectSpan(3));
    const first = await waitForStatus(loaded, ['fatal']);
    if (first) {
      console.log(`oom_test: 1. the page says: ${first.boxText}`);
      if (!/ran out of memory/.test(first.error || '')) problems.push(`1. not an out-of-memory report: ${first.error}`);
      if (!first.boxVisible || first.boxText !== first.error) problems.push('1. the message box is not shown');
      if (first.title !== 'The agentreel viewer stopped' || first.browserHint) {
        problems.push(`1. the box blames the browser: "${first.title}", browser hint shown: ${first.browserHint}`);
      }
      await loaded.screenshot({path: screenshot});
    }
    await loaded.close();

    // 2. The empty viewer, memory for the copy of the bundle but not for decoding it. With 64 KiB to spare the
    // bookkeeping of opening fits and zstd's state does not: a load error (out_of_memory), the viewer usable.
    // With 4 KiB an allocation inside operator new fails first: its new-handler reports it and aborts the wasm
    // call, which throws out of the evaluate; the page must still show the report.
    for (const [margin, accepted] of [[65536, ['error']], [4096, ['fatal', 'error']]]) {
      const empty = await openPage(context, templatePath, 'empty');
      await fillHeap(empty, bundle.length + margin);
      await empty.evaluate((bytes) => window.agentreel.open(new Uint8Array(bytes), 'demo.reel'), bundle).catch(
          (error) => console.log(`oom_test: 2. the open call aborted (${String(error.message).split('\n')[0]})`));
      const second = await waitForStatus(empty, accepted);
      if (second) {
        console.log(`oom_test: 2. ${margin} bytes spare: ${second.status}: ${second.error}`);
        if (!/out_of_memory|ran out of memory/.test(second.error || '')) {
          problems.push(`2. not an out-of-memory report: ${second.error}`);
        }
      }
      await empty.close();
    }
  } finally {
    await context.close();
    fs.rmSync(workDir, {recursive: true, force: true});
  }
  if (problems.length) {
    for (const problem of problems) console.error(`FAIL: ${problem}`);
    process.exit(1);
  }
  console.log('oom_test: passed');
}

main().catch((error) => {
  console.error(`FAIL: ${error.stack || error}`);
  process.exit(1);
});
