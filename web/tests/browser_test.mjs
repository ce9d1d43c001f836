// End-to-end test of the single-file web viewer in headless Chromium (playwright-core, system chromium):
// opens the page from disk, waits for the embedded bundle to load with the expected span count, pans and
// zooms, takes a screenshot and checks it is not blank, and fails on ANY network request, page error or
// Content-Security-Policy violation.
//
// usage: node web/tests/browser_test.mjs PAGE.html [options]
//   --expect-spans N         the span count the viewer must report
//   --agentreel BIN --bundle B   read the expected span count from `BIN info --json B`
//   --inject-bundle FILE     embed FILE's bytes (any bytes) in a copy of PAGE first (for error-path tests)
//   --inject-text TEXT       embed TEXT itself (not base64 of a file) as the bundle element's content
//   --expect-error           the page must show a load error instead (status 'error', a message)
//   --expect-error-text T    as --expect-error, and the message must contain T
//   --pick-then-drop BAD     after the screenshot: open BAD through the O key's file chooser (must show an error),
//                            then drop --bundle onto the page (must load again with the expected spans)
//   --drop-logs F1,F2        (needs --agentreel) after the screenshot: drop these agent log files (not bundles) on the
//                            page; they must be converted in the page and load with the spans and sessions
//                            `agentreel info --json F1 F2` counts; then a text file in no known format must be refused
//                            by name
//   --screenshot OUT.png     where to save the screenshot
//   --select SPAN            select this span before the screenshot
//   --size WxH               viewport in CSS pixels (default 1440x900)
//   --scale F                devicePixelRatio (default 1)
//   --timeout-ms MS          how long to wait for the viewer (default 90000)
//   --interact               use it as a person would: click a bar and copy its record (the payload), find by
//                            typing kind:tool into the find box, then n / N keys, step with J / K, then follow a
//                            deep link
//                            #session=..&span=.. in a fresh load and check the hash follows the selection
//   --diagnosis              (needs --agentreel and --bundle) the Diagnosis panel must list what `agentreel why --json`
//                            finds; click a session row with two or more findings, then its second finding (must
//                            select the finding's first span and zoom the rail to it), then the first marker of the
//                            findings lane (must select that finding's first span)
//   --rail                   the find box typed into with real key events (page.keyboard.type); the overview strip
//                            (click to jump, drag the window to pan); collapse a subtree with its disclosure
//                            triangle, expand it with the C key
//   --audit                  the shown session's policy replay (state.audit), run in the page by the same engine
//                            compiled to wasm, must name block-force-push, block-env-files, block-rm-rf and
//                            warn-repeated-tool-calls (tests/data/audit/viewer/risky_session.jsonl), and the find
//                            box's would:deny / policy: terms must select those calls; an unknown policy is an error
//   --secrets                (needs --agentreel and --bundle) the shown session's secret marks (state.secrets) must
//                            be the spans and occurrences `agentreel secrets --json` names for that session
//   --bench OUT.json         run window.agentreel.bench() (the scripted session) and save its report
//   --wasm-base64            decode the embedded bundle with the viewer's own base64 decoder, as a browser without
//                            Uint8Array.prototype.setFromBase64 does
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

import {chromium} from 'playwright-core';

import {decodePng, imageStats} from './png_stats.mjs';

function parseArgs(argv) {
  const options = {size: [1440, 900], scale: 1, timeoutMs: 90000};
  const rest = [];
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case '--expect-spans': options.expectSpans = Number(value()); break;
      case '--agentreel': options.agentreel = value(); break;
      case '--bundle': options.bundle = value(); break;
      case '--inject-bundle': options.injectBundle = value(); break;
      case '--expect-error': options.expectError = true; break;
      case '--expect-error-text': options.expectError = true; options.expectErrorText = value(); break;
      case '--inject-text': options.injectText = value(); break;
      case '--pick-then-drop': options.pickThenDrop = value(); break;
      case '--drop-logs': options.dropLogs = value().split(','); break;
      case '--screenshot': options.screenshot = value(); break;
      case '--select': options.select = Number(value()); break;
      case '--size': options.size = value().split('x').map(Number); break;
      case '--scale': options.scale = Number(value()); break;
      case '--timeout-ms': options.timeoutMs = Number(value()); break;
      case '--interact': options.interact = true; break;
      case '--bench': options.bench = value(); break;
      case '--diagnosis': options.diagnosis = true; break;
      case '--rail': options.rail = true; break;
      case '--secrets': options.secrets = true; break;
      case '--audit': options.audit = true; break;
      case '--wasm-base64': options.wasmBase64 = true; break;
      default:
        if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
        rest.push(arg);
    }
  }
  if (rest.length !== 1) throw new Error('usage: browser_test.mjs PAGE.html [options] (see the file header)');
  options.page = path.resolve(rest[0]);
  return options;
}

function fail(message) {
  console.error(`browser_test: FAIL: ${message}`);
  process.exitCode = 1;
}

// Replaces the bundle element's text with base64 of `file`, in a temporary copy of the page.
function injectBundle(page, file, workDir, text) {
  const html = fs.readFileSync(page, 'utf8');
  const open = '<script type="application/octet-stream" id="agentreel-bundle">';
  const start = html.indexOf(open);
  if (start < 0) throw new Error(`${page} has no agentreel-bundle element`);
  const content = start + open.length;
  const end = html.indexOf('</script>', content);
  const embedded = text !== undefined ? text : fs.readFileSync(file).toString('base64');
  const injected = html.slice(0, content) + embedded + html.slice(end);
  const out = path.join(workDir, 'injected.html');
  fs.writeFileSync(out, injected);
  return out;
}

// Waits (up to 5 s) for the find box to hold `query`. Typed keys reach the box over several frames: ImGui
// trickles input events that arrive in one frame out over the next ones, and a frame on a loaded machine can
// take longer than the 20 ms between keys, so a fixed count of frames is not enough. A query that never
// arrives is left for the caller's check to report.
async function waitForQuery(page, query) {
  await page.waitForFunction((q) => window.agentreel.state.find.query === q, query, {timeout: 5000, polling: 50})
      .catch(() => {});
}

// Drives the loaded viewer with mouse and keys like a person, checking each step through window.agentreel.
async function interact(page, options, pageUrl, waitFrames) {
  const [w, h] = options.size;
  const selected = async () => page.evaluate(() => window.agentreel.selectedSpan);
  const press = async (key) => { await page.keyboard.press(key); await waitFrames(2); };
  // The rail is the middle column: its lanes lie under its overview strip.
  const strip = (await page.evaluate(() => window.agentreel.state)).rects.overview;
  const railX = Math.round(strip[0] + (strip[2] - strip[0]) * 0.3);
  await page.mouse.move(railX, Math.round(strip[3] + 110));
  await page.keyboard.press('Escape');
  await page.keyboard.press('f');
  await waitFrames(3);
  // 1. Click a bar: scan down the rail's first lanes (below the header, strip and ruler) until a click selects.
  let clicked = -1;
  for (let y = Math.round(strip[3] + 40); y < strip[3] + 200 && clicked < 0; y += 5) {
    await page.mouse.click(railX, y);
    await waitFrames(2);
    clicked = await selected();
  }
  if (clicked < 0) return fail('clicking the rail selected no span');
  console.log(`browser_test: clicked a bar: span ${clicked}`);
  // The conversation column follows the selection (the frame after it changed): the clicked span's row, or
  // the row before it.
  await waitFrames(2);
  let st = await page.evaluate(() => window.agentreel.state);
  // (A run's root agent comes before its first row and has none.)
  if (!(st.conversation.rows > 0) || (st.conversation.selected_row < 0 && st.selected_kind !== 'agent')) {
    fail(`the conversation did not follow the click on span ${clicked}: ${JSON.stringify(st).slice(0, 400)}`);
  } else {
    console.log(`browser_test: conversation follows: span ${clicked} -> row ${st.conversation.selected_row} of ` +
                `${st.conversation.rows}`);
  }
  // Its record through the details panel: the "Begin record" tab, then its Copy button (where the probe saw them).
  await clickRect(page, st.rects.record_tab, waitFrames);
  await waitFrames(2);  // the tab's own controls (Pretty, Line breaks) move Copy the frame after
  st = await page.evaluate(() => window.agentreel.state);
  await page.evaluate(() => { window.__copied.length = 0; });
  await clickRect(page, st.rects.copy, waitFrames);
  const copied = await page.evaluate(() => window.__copied.join(''));
  if (!/"(type|timestamp|session_id)"/.test(copied)) {
    fail(`Copy gave no record text: '${copied.slice(0, 80)}' (tab ${st.rects.record_tab}, button ${st.rects.copy})`);
  }
  else console.log(`browser_test: Copy of span ${clicked}: ${copied.replace(/\s+/g, ' ').slice(0, 90)}...`);
  // 2. Find: '/' focuses the find box and the query is typed key by key; Escape leaves the box, then n / Shift+N
  // step through the matches with the keyboard.
  await page.mouse.move(railX, Math.round(strip[3] + 110));
  await press('/');
  await page.keyboard.type('kind:tool', {delay: 20});
  await waitForQuery(page, 'kind:tool');
  const typed = await page.evaluate(() => window.agentreel.state.find);
  if (typed.query !== 'kind:tool') fail(`typing into the find box gave '${typed.query}'`);
  const count = typed.matches;
  await press('Escape');
  await press('n');
  const firstMatch = await selected();
  await press('n');
  const secondMatch = await selected();
  await press('Shift+N');
  const backMatch = await selected();
  if (!(count >= 2) || firstMatch <= clicked || secondMatch <= firstMatch || backMatch !== firstMatch) {
    fail(`find kind:tool: ${count} matches, n -> ${firstMatch}, n -> ${secondMatch}, N -> ${backMatch}`);
  } else {
    console.log(`browser_test: find 'kind:tool': ${count} matches, n -> ${firstMatch} -> ${secondMatch}, N -> ${backMatch}`);
  }
  await press('n');
  // 3. Step in execution order with J and K: hooks that only allowed (bookkeeping) are stepped over.
  await press('j');
  const afterJ = await selected();
  const jState = await page.evaluate(() => window.agentreel.state);
  await press('k');
  const afterK = await selected();
  let skipped = 0;
  for (let span = secondMatch + 1; span < afterJ; ++span) {  // every span stepped over is bookkeeping
    await page.evaluate((x) => window.agentreel.selectSpan(x), span);
    await waitFrames(1);
    const between = await page.evaluate(() => window.agentreel.state);
    if (!between.selected_bookkeeping) fail(`J from ${secondMatch} to ${afterJ} skipped span ${span} (${between.selected_kind})`);
    ++skipped;
  }
  await page.evaluate((x) => window.agentreel.selectSpan(x), afterK);
  await waitFrames(1);
  if (jState.conversation.selected_row < 0) fail(`the conversation did not follow J to span ${afterJ}`);
  if (!(afterJ > secondMatch) || jState.selected_bookkeeping || afterK !== secondMatch) {
    fail(`J/K: ${secondMatch} -> ${afterJ} (${jState.selected_kind}) -> ${afterK}`);
  } else {
    console.log(`browser_test: J / K: ${secondMatch} -> ${afterJ} -> ${afterK} (${skipped} bookkeeping spans stepped over)`);
  }
  // 4. Deep link: the last span (in the last session) by URL, in a fresh load; the hash then follows J/K.
  const last = (await page.evaluate(() => window.agentreel.loadedSpans)) - 1;
  await page.evaluate((s) => window.agentreel.selectSpan(s), last);
  await waitFrames(2);
  const session = await page.evaluate(() => window.agentreel.sessionId);
  const link = `${pageUrl}#session=${encodeURIComponent(session)}&span=${last}`;
  await page.goto('about:blank');
  await page.goto(link, {waitUntil: 'load'});
  await page.waitForFunction(() => window.agentreel && window.agentreel.status === 'loaded', null,
                             {timeout: options.timeoutMs, polling: 100});
  await waitFrames(3);
  const linked = await page.evaluate(() => ({span: window.agentreel.selectedSpan, session: window.agentreel.sessionId}));
  if (linked.span !== last || linked.session !== session) {
    fail(`deep link ${link}: selected span ${linked.span} in session '${linked.session}'`);
  } else {
    console.log(`browser_test: deep link #session=${session}&span=${last} selected it`);
  }
  await press('k');
  await page.waitForTimeout(400);  // the hash is synced every 200 ms
  const hash = await page.evaluate(() => location.hash);
  const afterBack = await selected();
  if (!(afterBack < last) || !hash.endsWith(`span=${afterBack}`)) {
    fail(`after K (span ${afterBack}) the URL hash is '${hash}'`);
  }
  else console.log(`browser_test: the URL hash follows the selection: ${hash}`);
  await page.keyboard.press('f');
  await waitFrames(2);
}

// Clicks the centre of a rectangle [x0, y0, x1, y1] from window.agentreel.state.rects (CSS pixels).
// Like a person: move there, press, release, a couple of frames apart.
async function clickRect(page, rect, waitFrames, fraction = 0.5) {
  await page.mouse.move(rect[0] + (rect[2] - rect[0]) * fraction, (rect[1] + rect[3]) / 2);
  await waitFrames(2);
  await page.mouse.down();
  await waitFrames(2);
  await page.mouse.up();
  await waitFrames(3);
}

// The Diagnosis panel and findings lane against `agentreel why --json`, clicked with the mouse.
async function diagnosis(page, options, waitFrames) {
  const why = JSON.parse(execFileSync(options.agentreel, ['why', '--json', options.bundle], {encoding: 'utf8'}));
  const index = why.sessions.findIndex((s) => s.findings.length >= 2);
  if (index < 0) return fail('--diagnosis needs a bundle with a session that has two or more findings');
  const expected = why.sessions[index];
  const state = async () => page.evaluate(() => window.agentreel.state);
  // Wait until the sessions list has drawn that row and its findings are known, then click the row.
  await page.waitForFunction((i) => { const s = window.agentreel.state; return s.rects && s.rects.sessions[i]; },
                             index, {timeout: 30000, polling: 100});
  await clickRect(page, (await state()).rects.sessions[index], waitFrames);
  await page.waitForFunction(() => { const s = window.agentreel.state; return s.diagnosis && s.rects.findings.length; },
                             null, {timeout: 30000, polling: 100});
  let s = await state();
  if (s.session_id !== expected.id) return fail(`clicking session row ${index} shows '${s.session_id}'`);
  const brief = (f) => `${f.kind}/${f.severity}@${f.first_span}: ${f.summary}`;
  const got = s.diagnosis.findings.map(brief), want = expected.findings.map(brief);
  if (JSON.stringify(got) !== JSON.stringify(want) || s.diagnosis.verdict !== expected.verdict) {
    return fail(`the Diagnosis panel lists\n  ${got.join('\n  ')}\nbut agentreel why finds\n  ${want.join('\n  ')}`);
  }
  console.log(`browser_test: Diagnosis panel lists the ${got.length} findings of agentreel why for ${expected.id}`);
  await clickRect(page, s.rects.findings[1], waitFrames);
  s = await state();
  const second = expected.findings[1];
  const shown = s.view.end_ns - s.view.start_ns;
  if (s.selected_span !== second.first_span || s.focused_finding !== 1 || !(shown < s.view.session_ns * 0.9)) {
    fail(`clicking finding 1 (${second.kind}, span ${second.first_span}): span ${s.selected_span} selected, ` +
         `finding ${s.focused_finding} focused, rail shows ${shown / 1e9} s of ${s.view.session_ns / 1e9} s`);
  } else {
    console.log(`browser_test: clicking finding 1 selected span ${s.selected_span} and zoomed the rail to ` +
                `${(s.view.start_ns / 1e9).toFixed(3)}-${(s.view.end_ns / 1e9).toFixed(3)} s`);
  }
  // The findings lane: fit the session (F), then click the first finding's marker.
  await page.mouse.move(Math.round(options.size[0] * 0.72), Math.round(options.size[1] * 0.3));
  await page.keyboard.press('f');
  await waitFrames(3);
  s = await state();
  const marker = s.rects.markers[0];
  if (!marker || marker[2] <= marker[0]) {
    return fail(`no marker drawn for finding 0: ${JSON.stringify(s.rects.markers)}`);
  }
  await clickRect(page, marker, waitFrames);
  s = await state();
  const first = expected.findings[0];
  if (s.selected_span !== first.first_span || s.focused_finding !== 0) {
    fail(`clicking marker 0 (${first.kind}, span ${first.first_span}): span ${s.selected_span} selected`);
  } else {
    console.log(`browser_test: clicking the findings lane's marker 0 selected span ${s.selected_span}`);
  }
}

// The shown session's secret marks against `agentreel secrets --json` (exit 3 when it finds some).
async function secretMarks(page, options) {
  let report;
  try {
    report = execFileSync(options.agentreel, ['secrets', '--json', options.bundle], {encoding: 'utf8'});
  } catch (error) {
    if (error.status !== 3) throw error;
    report = error.stdout;
  }
  await page.waitForFunction(() => window.agentreel.state.secrets, null, {timeout: 30000, polling: 100});
  const s = await page.evaluate(() => window.agentreel.state);
  const mine = JSON.parse(report).findings.filter((f) => f.session === s.session_id);
  const spans = [...new Set(mine.map((f) => f.span))].sort((a, b) => a - b);
  const got = s.secrets;
  if (!spans.length) return fail(`--secrets: agentreel secrets names no span of session ${s.session_id}`);
  if (JSON.stringify(got.spans) !== JSON.stringify(spans) || got.occurrences !== mine.length) {
    return fail(`the page marks spans ${JSON.stringify(got.spans)} (${got.occurrences} occurrences), ` +
                `agentreel secrets names ${JSON.stringify(spans)} (${mine.length})`);
  }
  console.log(`browser_test: secret marks on spans ${JSON.stringify(spans)}, as agentreel secrets finds them`);
}

// The shown session's policy replay, computed in the page (wasm, PCRE2 inside), and the find terms that read it.
async function policyAudit(page) {
  await page.waitForFunction(() => window.agentreel.state.audit, null, {timeout: 60000, polling: 100});
  const s = await page.evaluate(() => window.agentreel.state);
  const byPolicy = {};
  for (const entry of s.audit.spans) {
    for (const p of entry.policies) (byPolicy[p.policy] ||= []).push({span: entry.span, ...p});
  }
  const expected = [['block-force-push', 'deny', 'Force-pushing is blocked'],
                    ['block-push-master', 'deny', 'Pushing to main/master is blocked'],
                    ['block-env-files', 'deny', '.env'], ['block-rm-rf', 'deny', 'Catastrophic deletion blocked'],
                    ['warn-repeated-tool-calls', 'instruct', 'identical parameters']];
  for (const [name, decision, words] of expected) {
    const got = (byPolicy[name] || [])[0];
    if (!got || got.decision !== decision || !got.reason.includes(words)) {
      return fail(`--audit: ${name} should ${decision} with "${words}", the page says ${JSON.stringify(got)}`);
    }
  }
  const denies = await page.evaluate(() => window.agentreel.find('would:deny'));
  if (denies !== s.audit.deny_calls || denies < 4) {
    return fail(`--audit: would:deny finds ${denies}, the replay denies ${s.audit.deny_calls} calls`);
  }
  const rm = await page.evaluate(() => window.agentreel.find('policy:block-rm'));
  if (rm !== 1) return fail(`--audit: policy:block-rm finds ${rm} calls, expected the one rm -rf`);
  await page.evaluate(() => window.agentreel.find('policy:block-everything'));
  const error = await page.evaluate(() => window.agentreel.state.find.error);
  if (!error.includes('block-everything')) return fail(`--audit: an unknown policy gave no error (${error})`);
  await page.evaluate(() => window.agentreel.find('would:deny OR would:instruct'));
  console.log(`browser_test: the page's policy replay of ${s.audit.calls} calls (${s.audit.ms.toFixed(1)} ms): ` +
              `${Object.keys(byPolicy).join(', ')}; would:deny finds ${denies}; an unknown policy: ${error}`);
}

// The find box with real typing, the overview strip and collapsible subtrees, driven by mouse and keyboard.
async function rail(page, options, waitFrames) {
  const state = async () => page.evaluate(() => window.agentreel.state);
  const [w, h] = options.size;
  const overRail = async () => {
    // The rail's lanes lie under its overview strip (the conversation column is to its right).
    const ov = (await state()).rects.overview;
    await page.mouse.move(Math.round((ov[0] + ov[2]) / 2), Math.round(ov[3] + 110));
    await waitFrames(2);
  };
  // 1. Find: '/' focuses the box, then type into it key by key as a person would.
  await overRail();
  await page.keyboard.press('Escape');
  await waitFrames(2);
  await page.keyboard.press('/');
  await waitFrames(3);
  let s = await state();
  if (!s.find.focused) fail(`'/' did not focus the find box: ${JSON.stringify(s.find)}`);
  await page.keyboard.type('kind:tool', {delay: 20});
  await waitForQuery(page, 'kind:tool');
  s = await state();
  const expected = await page.evaluate(() => window.agentreel.find('kind:tool'));
  if (s.find.query !== 'kind:tool' || !(s.find.matches > 0) || s.find.matches !== expected) {
    fail(`typing 'kind:tool' into the find box: box holds '${s.find.query}' with ${s.find.matches} matches ` +
         `(expected ${expected})`);
  } else {
    console.log(`browser_test: typed 'kind:tool' into the find box: ${s.find.matches} matches`);
  }
  await page.keyboard.press('Escape');  // leave the box
  await waitFrames(2);
  // 2. Overview strip: zoom in on the rail, click 90% along the strip, then drag the window back by 20%.
  await overRail();
  await page.keyboard.press('f');
  for (let i = 0; i < 6; ++i) { await page.mouse.wheel(0, -120); await waitFrames(1); }
  await waitFrames(2);
  s = await state();
  const visible = s.view.end_ns - s.view.start_ns;
  const ov = s.rects.overview;
  if (!(visible < s.view.session_ns * 0.5) || ov[2] <= ov[0]) {
    return fail(`could not zoom in before the overview test: ${JSON.stringify(s.view)}, strip ${JSON.stringify(ov)}`);
  }
  await clickRect(page, ov, waitFrames, 0.9);
  s = await state();
  const centre = (s.view.start_ns + s.view.end_ns) / 2 / s.view.session_ns;
  if (Math.abs(centre - 0.9) > 0.02 || Math.abs((s.view.end_ns - s.view.start_ns) - visible) > visible * 0.01) {
    fail(`clicking the overview at 90%: the rail is centred at ${(centre * 100).toFixed(1)}% ` +
         `showing ${s.view.end_ns - s.view.start_ns} ns (was ${visible})`);
  } else {
    console.log(`browser_test: overview click at 90% centred the rail at ${(centre * 100).toFixed(1)}%`);
  }
  const y = (ov[1] + ov[3]) / 2, x = ov[0] + (ov[2] - ov[0]) * 0.9, dx = -(ov[2] - ov[0]) * 0.2;
  const before = s.view.start_ns;
  await page.mouse.move(x, y);
  await waitFrames(2);
  await page.mouse.down();
  await waitFrames(2);
  await page.mouse.move(x + dx, y, {steps: 5});
  await waitFrames(2);
  await page.mouse.up();
  await waitFrames(2);
  s = await state();
  const moved = (s.view.start_ns - before) / s.view.session_ns;
  const movedText = `${(moved * 100).toFixed(1)}%`;
  if (Math.abs(moved + 0.2) > 0.02) fail(`dragging the overview window by -20% moved the rail by ${movedText}`);
  else console.log(`browser_test: dragging the overview window by -20% panned the rail by ${movedText}`);
  // 3. Collapse the root's subtree with its triangle, then expand it with C on the selected root.
  await overRail();
  await page.keyboard.press('f');
  await waitFrames(3);
  s = await state();
  const lanes = s.rail.lanes;
  const root = Object.keys(s.rects.disclosures).map(Number).sort((a, b) => a - b)[0];
  if (root === undefined) return fail('no disclosure triangle drawn on the fitted rail');
  await clickRect(page, s.rects.disclosures[root], waitFrames);
  await waitFrames(2);
  s = await state();
  if (!s.rail.collapsed.includes(root) || !(s.rail.hidden_spans > 0) || !(s.rail.lanes < lanes)) {
    fail(`clicking span ${root}'s triangle: collapsed ${JSON.stringify(s.rail.collapsed)}, ` +
         `${s.rail.hidden_spans} hidden, ${s.rail.lanes} lanes (was ${lanes})`);
  } else {
    console.log(`browser_test: collapsed span ${root}: ${s.rail.hidden_spans} spans hidden, ` +
                `${lanes} -> ${s.rail.lanes} lanes`);
  }
  await page.evaluate((r) => window.agentreel.selectSpan(r), root);
  await overRail();
  await page.keyboard.press('c');
  await waitFrames(3);
  s = await state();
  if (s.rail.collapsed.length !== 0 || s.rail.lanes !== lanes) {
    fail(`C on span ${root}: collapsed ${JSON.stringify(s.rail.collapsed)}, ${s.rail.lanes} lanes (expected ${lanes})`);
  } else {
    console.log(`browser_test: C expanded span ${root} again: ${s.rail.lanes} lanes`);
  }
}

// Drops files on the page as a person dragging them from their desktop would: `files` are {name, bytes (base64)}.
async function dropFiles(page, files) {
  await page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const {name, data} of list) {
      transfer.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name));
    }
    for (const type of ['dragenter', 'dragover', 'drop']) {
      window.dispatchEvent(new DragEvent(type, {dataTransfer: transfer, bubbles: true, cancelable: true}));
    }
  }, files);
}

// Raw agent logs dropped on the page: converted inside the page by the readers compiled to wasm (no convert step, no
// upload: the test's request log stays empty), the same spans and sessions as `agentreel info` on the same files.
async function dropLogs(page, options, waitFrames) {
  if (!options.agentreel) throw new Error('--drop-logs needs --agentreel');
  const info = JSON.parse(execFileSync(options.agentreel, ['info', '--json', ...options.dropLogs], {encoding: 'utf8'}));
  const started = Date.now();
  await dropFiles(page, options.dropLogs.map((file) => ({name: path.basename(file),
                                                        data: fs.readFileSync(file).toString('base64')})));
  await page.waitForFunction((n) => window.agentreel.status === 'loaded' && window.agentreel.loadedSpans === n,
                             info.spans, {timeout: 60000, polling: 100}).catch(() => {});
  const got = await page.evaluate(() => ({status: window.agentreel.status, spans: window.agentreel.loadedSpans,
                                          sessions: window.agentreel.sessions, error: window.agentreel.error}));
  if (got.status !== 'loaded' || got.spans !== info.spans || got.sessions !== info.sessions.length) {
    fail(`dropped logs ${options.dropLogs.map((f) => path.basename(f)).join(', ')}: status ${got.status}, ` +
         `${got.spans} spans in ${got.sessions} sessions; agentreel info counts ${info.spans} in ` +
         `${info.sessions.length} (${got.error || 'no error'})`);
  } else {
    console.log(`browser_test: dropped ${options.dropLogs.length} log file(s): converted in the page, ${got.spans} ` +
                `spans in ${got.sessions} sessions as agentreel info counts (${Date.now() - started} ms)`);
  }
  await waitFrames(2);
  await dropFiles(page, [{name: 'notes.txt', data: Buffer.from('meeting notes, not a log\n').toString('base64')}]);
  await page.waitForFunction(() => window.agentreel.status === 'error', null, {timeout: 30000, polling: 100})
      .catch(() => {});
  const refused = await page.evaluate(() => ({status: window.agentreel.status, error: window.agentreel.error}));
  if (refused.status !== 'error' || !String(refused.error).includes('notes.txt')) {
    fail(`a text file dropped as a log: status ${refused.status}, error '${refused.error}' (expected it named)`);
  } else {
    console.log(`browser_test: a text file dropped: ${refused.error.split('\n')[0]}`);
  }
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.agentreel && options.bundle && options.expectSpans === undefined) {
    const info = JSON.parse(execFileSync(options.agentreel, ['info', '--json', options.bundle], {encoding: 'utf8'}));
    options.expectSpans = info.spans;
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'agentreel-browser-test-'));
  const pagePath = options.injectText !== undefined ? injectBundle(options.page, null, workDir, options.injectText)
                   : options.injectBundle ? injectBundle(options.page, options.injectBundle, workDir) : options.page;
  const pageUrl = pathToFileURL(pagePath).href;

  const context = await chromium.launchPersistentContext(path.join(workDir, 'profile'), {
    executablePath: process.env.AGENTREEL_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: {width: options.size[0], height: options.size[1]},
    deviceScaleFactor: options.scale,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
      '--disable-default-apps', '--disable-extensions',
    ],
  });
  const problems = [];
  const requests = [];
  try {
    const page = context.pages()[0] || await context.newPage();
    page.on('request', (request) => {
      const url = request.url();
      if (url.split('#')[0] === pageUrl || url.startsWith('data:') || url.startsWith('blob:')) return;
      requests.push(`${request.method()} ${url}`);
    });
    // Capture what the viewer's Copy button puts on the clipboard (headless Chromium has no real clipboard).
    await page.addInitScript(() => {
      window.__copied = [];
      const record = (text) => { window.__copied.push(String(text)); return Promise.resolve(); };
      try {
        Object.defineProperty(navigator, 'clipboard', {value: {writeText: record}, configurable: true});
      } catch (e) { /* keep the page's own */ }
    });
    if (options.wasmBase64) await page.addInitScript(() => { window.agentreelForceWasmBase64 = true; });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      const text = message.text();
      if (/Content Security Policy|Refused to/i.test(text)) problems.push(`CSP violation: ${text}`);
      if (message.type() === 'error') console.error(`  [console.error] ${text}`);
    });

    const started = Date.now();
    await page.goto(pageUrl, {waitUntil: 'load'});
    await page.waitForFunction(() => window.agentreel && ['loaded', 'error', 'fatal'].includes(window.agentreel.status),
                               null, {timeout: options.timeoutMs, polling: 100});
    const state = await page.evaluate(() => ({
      status: window.agentreel.status,
      loadedSpans: window.agentreel.loadedSpans,
      sessions: window.agentreel.sessions,
      error: window.agentreel.error,
      startupMs: window.agentreel.startupMs,
    }));
    console.log(`browser_test: status ${state.status}, ${state.loadedSpans} spans, ${state.sessions} sessions, ` +
                `viewer started in ${Math.round(state.startupMs)} ms (${Date.now() - started} ms to ready)`);

    if (options.expectError) {
      if (state.status !== 'error') fail(`expected a load error, got status '${state.status}'`);
      else if (!state.error) fail('status is error but no message was reported');
      else if (options.expectErrorText && !state.error.includes(options.expectErrorText)) {
        fail(`the error does not mention '${options.expectErrorText}': ${state.error}`);
      }
      else console.log(`browser_test: error shown as expected: ${state.error}`);
    } else {
      if (state.status !== 'loaded') fail(`the bundle did not load: status '${state.status}': ${state.error}`);
      if (options.expectSpans !== undefined && state.loadedSpans !== options.expectSpans) {
        fail(`expected ${options.expectSpans} spans, the viewer reports ${state.loadedSpans}`);
      }
    }

    // Let frames run, then exercise zoom and pan over the rail (the right part of the window).
    const frames = async () => page.evaluate(() => window.agentreel.frames);
    const waitFrames = async (n) => {
      const target = (await frames()) + n;
      await page.waitForFunction((t) => window.agentreel.frames >= t, target, {timeout: 30000, polling: 50});
    };
    await waitFrames(3);
    if (state.status === 'loaded') {
      const [w, h] = options.size;
      const x = w * 0.65, y = h * 0.3;
      await page.mouse.move(x, y);
      for (let i = 0; i < 3; ++i) {
        await page.mouse.wheel(0, -120);
        await waitFrames(1);
      }
      await page.mouse.down();
      await page.mouse.move(x - 80, y, {steps: 4});
      await page.mouse.up();
      await waitFrames(2);
      // Back to the whole session for the screenshot, pointer out of the way.
      await page.keyboard.press('f');
      await page.mouse.move(2, h - 2);
      if (options.select !== undefined) {
        const ok = await page.evaluate((s) => window.agentreel.selectSpan(s), options.select);
        if (!ok) fail(`could not select span ${options.select}`);
      }
      await waitFrames(4);
      const perf = await page.evaluate(() => ({ms: window.agentreel.lastFrameMs, items: window.agentreel.railItems}));
      console.log(`browser_test: last frame ${perf.ms.toFixed(2)} ms of CPU inside the frame function, ` +
                  `${perf.items} rail items`);
    }

    if (options.diagnosis && state.status === 'loaded') await diagnosis(page, options, waitFrames);
    if (options.rail && state.status === 'loaded') await rail(page, options, waitFrames);
    if (options.secrets && state.status === 'loaded') await secretMarks(page, options);
    if (options.audit && state.status === 'loaded') await policyAudit(page);
    if (options.interact && state.status === 'loaded') await interact(page, options, pageUrl, waitFrames);
    if (options.bench && state.status === 'loaded') {
      const report = await page.evaluate(() => window.agentreel.bench());
      fs.writeFileSync(options.bench, JSON.stringify(report, null, 1));
      console.log(`browser_test: bench ${JSON.stringify(report)}`);
      if (!report.frame_ms || !(report.frame_ms.p99 > 0)) fail('the bench returned no frame times');
      else if (report.frames !== 480) fail(`the bench ran ${report.frames} frames, not the script's 480`);
    }

    // A bench run checks its report, not the picture (after hundreds of synchronous frames a software-rendered
    // screenshot can take long).
    const png = options.bench && !options.screenshot ? null : await page.screenshot({type: 'png'});
    if (options.screenshot) {
      fs.mkdirSync(path.dirname(path.resolve(options.screenshot)), {recursive: true});
      fs.writeFileSync(options.screenshot, png);
      console.log(`browser_test: screenshot saved to ${options.screenshot}`);
    }
    if (png) {
      const stats = imageStats(decodePng(png));
      console.log(`browser_test: screenshot ${stats.width}x${stats.height}, ${stats.distinctColours} colours, ` +
                  `${(stats.foregroundShare * 100).toFixed(1)}% non-background`);
      if (stats.distinctColours < 12 || stats.foregroundShare < 0.02) {
        fail('the screenshot looks blank (too few colours or almost all background)');
      }
    }

    if (options.pickThenDrop) {
      // The O key opens the file chooser (the page's keydown handler); choose the bad file.
      const [chooser] = await Promise.all([page.waitForEvent('filechooser', {timeout: 10000}),
                                           page.keyboard.press('o')]);
      await chooser.setFiles(options.pickThenDrop);
      await page.waitForFunction(() => window.agentreel.status === 'error', null, {timeout: 30000});
      console.log(`browser_test: file chooser: ${await page.evaluate(() => window.agentreel.error)}`);
      await waitFrames(2);
      // Drop the good bundle on the page, as a user dragging a file from their desktop would.
      if (!options.bundle) throw new Error('--pick-then-drop needs --bundle (the file to drop)');
      const base64 = fs.readFileSync(options.bundle).toString('base64');
      await page.evaluate(({data, name}) => {
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], name, {type: 'application/octet-stream'}));
        for (const type of ['dragenter', 'dragover', 'drop']) {
          window.dispatchEvent(new DragEvent(type, {dataTransfer: transfer, bubbles: true, cancelable: true}));
        }
      }, {data: base64, name: path.basename(options.bundle)});
      await page.waitForFunction((n) => window.agentreel.status === 'loaded' && window.agentreel.loadedSpans === n,
                                 options.expectSpans, {timeout: 30000});
      await waitFrames(2);
      console.log(`browser_test: drag-and-drop: loaded ${path.basename(options.bundle)} again ` +
                  `(${await page.evaluate(() => window.agentreel.loadedSpans)} spans)`);
    }
    if (options.dropLogs) await dropLogs(page, options, waitFrames);
  } finally {
    await context.close();
    fs.rmSync(workDir, {recursive: true, force: true});
  }
  for (const problem of problems) fail(problem);
  if (requests.length > 0) {
    fail(`the page made ${requests.length} network request(s):\n  ${requests.join('\n  ')}`);
  } else {
    console.log('browser_test: no network requests');
  }
  if (!process.exitCode) console.log('browser_test: PASS');
}

main().catch((error) => {
  fail(error && error.stack ? error.stack : String(error));
});
