// The Chrome trace export (`agentreel export --format chrome`) loaded into speedscope (the npm package pinned in
// web/package.json, its built dist opened from disk) in headless Chromium, offline: the page must import it as a
// trace event file with no error and no network request, and show one profile per thread (pid, tid) of the file;
// for a file without zero-duration spans, the profile group speedscope exports back (its Export button) must hold
// one call per span with its name and duration, properly nested.
//
// usage: node web/tests/speedscope_test.mjs TRACE.chrome.json --expect-spans N [--timeout-ms MS]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

import {chromium} from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const speedscopeIndex = path.join(here, '..', 'node_modules', 'speedscope', 'dist', 'release', 'index.html');

function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

const args = process.argv.slice(2);
let tracePath, expectSpans, timeoutMs = 60000;
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--expect-spans') expectSpans = Number(args[++i]);
  else if (args[i] === '--timeout-ms') timeoutMs = Number(args[++i]);
  else tracePath = args[i];
}
if (!tracePath || !Number.isInteger(expectSpans)) fail('usage: speedscope_test.mjs TRACE.json --expect-spans N');
if (!fs.existsSync(speedscopeIndex)) fail(`no speedscope at ${speedscopeIndex} (cd web && npm ci)`);

// What the file holds, read here independently: complete events and the threads they are on.
const trace = JSON.parse(fs.readFileSync(tracePath, 'utf8'));
const complete = trace.traceEvents.filter((event) => event.ph === 'X');
const threads = new Set(complete.map((event) => `${event.pid}:${event.tid}`));
if (complete.length !== expectSpans) fail(`the file holds ${complete.length} X events, expected ${expectSpans}`);

// speedscope's own way to open a file from disk (its CLI does the same): a script calling
// speedscope.loadFileFromBase64, named in the page's #localProfilePath.
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentreel-speedscope-test-'));
const loader = path.join(workDir, 'load-profile.js');
// The name given is a neutral one: speedscope reads a name ending in .chrome.json as a DevTools Performance
// recording (another format), whatever the content; any other name lets it detect the trace event format.
fs.writeFileSync(loader, `speedscope.loadFileFromBase64("agentreel-trace.json", ${
                              JSON.stringify(fs.readFileSync(tracePath).toString('base64'))})\n`);
const pageUrl = `${pathToFileURL(speedscopeIndex).href}#localProfilePath=${loader}`;

const context = await chromium.launchPersistentContext(path.join(workDir, 'profile'), {
  executablePath: process.env.AGENTREEL_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  acceptDownloads: true,
  viewport: {width: 1280, height: 800},
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    '--disable-default-apps', '--disable-extensions', '--allow-file-access-from-files',
  ],
});
const problems = [];
const logs = [];
try {
  const page = context.pages()[0] || await context.newPage();
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return;
    problems.push(`network request: ${request.method()} ${url}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    logs.push(message.text());
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.goto(pageUrl, {waitUntil: 'load'});
  // Loaded: the toolbar offers Export (the landing page has none).
  const exportTab = page.getByText(/^\W*Export$/).last();
  try {
    await exportTab.waitFor({timeout: timeoutMs});
  } catch (error) {
    fail(`speedscope showed no loaded profile: ${error.message}\n${problems.concat(logs).join('\n')}`);
  }
  if (!logs.some((line) => /Importing as Trace Event Format/i.test(line))) {
    fail(`speedscope did not import the file as a trace event file; it said: ${logs.join(' | ')}`);
  }

  const [download] = await Promise.all([page.waitForEvent('download', {timeout: timeoutMs}), exportTab.click()]);
  const saved = path.join(workDir, 'exported.speedscope.json');
  await download.saveAs(saved);
  const group = JSON.parse(fs.readFileSync(saved, 'utf8'));
  const frames = group.shared.frames;
  // Calls as speedscope holds them: (name, duration in us) of each frame opened and closed, with nesting checked.
  const calls = [];
  for (const profile of group.profiles) {
    if (profile.type !== 'evented') fail(`profile "${profile.name}" is ${profile.type}, expected evented`);
    const stack = [];
    for (const event of profile.events) {
      if (event.type === 'O') {
        stack.push(event);
      } else if (event.type === 'C') {
        const open = stack.pop();
        if (!open || open.frame !== event.frame) fail(`profile "${profile.name}": a frame closed out of order`);
        // speedscope names a frame by the event's name and its args as JSON: "Bash {\"status\":\"ok\"}".
        calls.push({name: frames[event.frame].name.replace(/ \{.*$/s, ''), duration: event.at - open.at});
      }
    }
    if (stack.length) fail(`profile "${profile.name}": ${stack.length} frames never closed`);
  }
  const key = (name, duration) => `${name} @ ${Math.round(duration * 1000)}ns`;
  const tally = (items) => {
    const counts = new Map();
    for (const [name, duration] of items) counts.set(key(name, duration), (counts.get(key(name, duration)) || 0) + 1);
    return counts;
  };
  // Every span must be there once, with its name and duration. speedscope turns each complete event into a begin
  // and an end and, at one timestamp, takes ends before begins: a zero-duration event's end comes before its
  // begin, so the call stays open until a later event closes it (a speedscope limitation, so only a file with no
  // instants is compared call by call; one with instants must load and show its threads).
  const lasting = complete.filter((event) => event.dur > 0);
  const differences = [];
  if (lasting.length === complete.length) {
    const shown = tally(calls.map((call) => [call.name, call.duration]));
    const inFile = tally(complete.map((event) => [event.name, event.dur]));
    for (const k of new Set([...inFile.keys(), ...shown.keys()])) {
      if ((inFile.get(k) || 0) !== (shown.get(k) || 0)) {
        differences.push(`${k}: ${shown.get(k) || 0} in speedscope, ${inFile.get(k) || 0} in the file`);
      }
    }
    if (calls.length !== expectSpans) differences.push(`${calls.length} calls for ${expectSpans} spans`);
  }
  console.log(`speedscope: ${group.profiles.length} profiles, ${calls.length} calls; the file: ${threads.size} ` +
              `threads, ${complete.length} spans (${complete.length - lasting.length} of zero duration)`);
  if (group.profiles.length !== threads.size) {
    fail(`speedscope shows ${group.profiles.length} profiles, the file has ${threads.size} threads`);
  }
  if (differences.length) fail(`speedscope's calls differ from the spans: ${differences.slice(0, 10).join('; ')}`);
  if (problems.length) fail(problems.join('\n'));
  console.log(`PASS: speedscope loaded the Chrome trace offline${lasting.length === complete.length ? ', every span as a call' : ''}`);
} finally {
  await context.close();
  fs.rmSync(workDir, {recursive: true, force: true});
}
