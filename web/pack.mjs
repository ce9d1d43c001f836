// pack.mjs: makes the single-file web viewer. Replaces the one line holding <!--AGENTREEL_APP_JS--> in the HTML
// shell with the viewer's JavaScript (Emscripten output, wasm embedded by -sSINGLE_FILE) in a <script> element,
// then checks that the page loads nothing from outside. Node built-ins only; no network.
// Usage: node web/pack.mjs --shell web/shell.html --js build/wasm/bin/agentreel-viewer.js --out build/web/agentreel.html
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';

const MARKER = '<!--AGENTREEL_APP_JS-->';

function fail(message) {
  console.error(`pack.mjs: error: ${message}`);
  process.exit(1);
}

function readText(path, what) {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    fail(`cannot read the ${what} ${path}: ${error.message}`);
  }
}

const { values: args } = parseArgs({
  options: { shell: { type: 'string' }, js: { type: 'string' }, out: { type: 'string' } },
});
for (const name of ['shell', 'js', 'out']) if (!args[name]) fail(`missing --${name} (see the usage at the top of pack.mjs)`);

const shell = readText(args.shell, 'HTML shell');
const js = readText(args.js, 'viewer JavaScript');

const lines = shell.split('\n');
const markerLines = lines.flatMap((line, index) => (line.includes(MARKER) ? [index] : []));
if (markerLines.length !== 1) fail(`${args.shell} must hold ${MARKER} on exactly one line; found ${markerLines.length}`);
if (lines[markerLines[0]].trim() !== MARKER) fail(`${args.shell}:${markerLines[0] + 1}: ${MARKER} must be alone on its line`);

// Inside a <script> element the HTML parser only looks for "</script" and "<!--"; escape both the JavaScript way
// ("<\/" and "<\!" mean the same characters in strings, regular expressions and comments).
const inlineJs = js.replaceAll('</script', '<\\/script').replaceAll('<!--', '<\\!--');
if (!js.includes('data:application/octet-stream;base64,')) {
  fail(`${args.js} has no embedded wasm (data:application/octet-stream;base64): was it linked with -sSINGLE_FILE=1?`);
}
lines[markerLines[0]] = `<script>\n${inlineJs}\n</script>`;
const page = lines.join('\n');

// No external references in the markup: every src/href must be inline (data:, blob:, #fragment).
const external = [...shell.matchAll(/\b(?:src|href)\s*=\s*["']?(?!data:|blob:|#)([^"'\s>]+)/gi)].map((m) => m[1]);
if (external.length > 0) fail(`${args.shell} refers to external resources: ${external.join(', ')}`);

mkdirSync(dirname(args.out), { recursive: true });
writeFileSync(args.out, page);
console.log(`pack.mjs: wrote ${args.out} (${(Buffer.byteLength(page) / 1048576).toFixed(2)} MiB)`);
