// `agentreel mcp` driven by a real client: the official MCP TypeScript SDK's stdio client (web/package.json pins it)
// spawns `agentreel mcp BUNDLE` on a bundle of real logs (a Claude Code transcript with its subagents and an
// OpenHands V1 run from tests/data), lists the tools and calls each one, and checks the answers against the CLI's own
// --json outputs: info (sessions, spans, counts), why (verdicts, findings), find (matches, snippets) and audit. Then
// the default location (CLAUDE_CONFIG_DIR/projects), tool errors, and the raw wire: malformed lines, a notification,
// a batch, with nothing but protocol messages on stdout.
// usage: node mcp_client_test.mjs AGENTREEL_BIN DATA_DIR WORK_DIR
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

const [agentreel, data, work] = process.argv.slice(2);
if (!agentreel || !data || !work) {
  console.error('usage: node mcp_client_test.mjs AGENTREEL_BIN DATA_DIR WORK_DIR');
  process.exit(2);
}
fs.mkdirSync(work, { recursive: true });

let failures = 0;
let checks = 0;
function check(ok, what) {
  checks++;
  if (!ok) {
    failures++;
    console.log(`FAIL: ${what}`);
  }
}
function equal(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  check(a === e, `${what}: got ${a?.slice(0, 400)}, expected ${e?.slice(0, 400)}`);
}

// The CLI's --json (exit 0, or 4 for audit's "would deny").
function cli(...args) {
  const run = spawnSync(agentreel, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (run.status !== 0 && !(args[0] === 'audit' && run.status === 4)) {
    throw new Error(`agentreel ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  }
  return JSON.parse(run.stdout);
}

const transcript = path.join(data, 'claude-code', '258c7280-ae70-4798-800f-63464d01a85d.jsonl');
const subagents = path.join(data, 'claude-code', '258c7280-ae70-4798-800f-63464d01a85d');
const openhands = path.join(data, 'openhands', 'v1-sdk', 'output.jsonl');
const bundle = path.join(work, 'realdata.reel');
const made = spawnSync(agentreel, ['convert', transcript, subagents, openhands, '-o', bundle], { encoding: 'utf8' });
if (made.status !== 0) throw new Error(`convert failed: ${made.stderr}`);

const info = cli('info', bundle, '--json');
const why = cli('why', bundle, '--json');
const query = 'status:error OR tool:Bash';
const found = cli('find', bundle, query, '--json', '--limit', '500');
const audited = cli('audit', bundle, '--json');
check(info.sessions.length >= 3, `the bundle holds the Claude Code and OpenHands sessions (${info.sessions.length})`);

async function connect(args, env) {
  const transport = new StdioClientTransport({ command: agentreel, args, stderr: 'pipe', env });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => (stderr += chunk));
  const client = new Client({ name: 'agentreel-mcp-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

async function call(client, name, args) {
  const result = await client.callTool({ name, arguments: args });
  check(Array.isArray(result.content) && result.content[0]?.type === 'text', `${name}: a text content block`);
  if (result.isError) return { error: result.content[0].text };
  check(result.structuredContent !== undefined, `${name}: structuredContent`);
  equal(JSON.parse(result.content[0].text), result.structuredContent, `${name}: the text is the structured content`);
  return result.structuredContent;
}

// --- the bundle -------------------------------------------------------------------------------------------------
const { client, stderr } = await connect(['mcp', bundle]);
equal(client.getServerVersion()?.name, 'agentreel', 'serverInfo.name');
check(client.getServerCapabilities()?.tools !== undefined, 'the tools capability');
check(typeof client.getInstructions() === 'string' && client.getInstructions().includes('list_sessions'), 'instructions');
await client.ping();

const { tools } = await client.listTools();
equal(tools.map((t) => t.name), ['list_sessions', 'session_summary', 'find', 'span_records', 'audit'], 'tools/list');
for (const tool of tools) {
  check(tool.inputSchema?.type === 'object' && tool.description.length > 40, `${tool.name}: schema and description`);
  check(tool.annotations?.readOnlyHint === true, `${tool.name}: read-only`);
}

// list_sessions: every session, with info --json's numbers and why --json's verdicts.
const listed = await call(client, 'list_sessions', { limit: 500 });
equal(listed.sessions_in_run, info.sessions.length, 'list_sessions: sessions in the run');
equal(listed.spans_in_run, info.spans, 'list_sessions: spans in the run');
equal(listed.matched, info.sessions.length, 'list_sessions: all sessions match without filters');
equal(listed.next_offset, null, 'list_sessions: one page');
for (const expected of info.sessions) {
  const row = listed.sessions.find((s) => s.id === expected.id);
  check(row !== undefined, `list_sessions lists ${expected.id}`);
  if (!row) continue;
  for (const key of ['number', 'title', 'project', 'spans', 'first_span', 'errors', 'denials', 'tool_calls',
    'model_calls', 'tokens', 'cost_usd', 'cost_unknown_calls', 'clock']) {
    equal(row[key], expected[key], `list_sessions ${expected.id}: ${key}`);
  }
  const verdict = why.sessions.find((s) => s.id === expected.id).verdict;
  equal(row.verdict, verdict, `list_sessions ${expected.id}: verdict as why --json`);
  const input = info.inputs.find((i) => i.path === expected.input);
  equal(row.source, input.format, `list_sessions ${expected.id}: source`);
}
const claude = info.sessions.find((s) => s.id === '258c7280-ae70-4798-800f-63464d01a85d');
check(claude?.spans === 1698, `the Claude Code session has its 1698 spans (${claude?.spans})`);

// Filters and paging.
const onlyOpenhands = await call(client, 'list_sessions', { source: 'openhands' });
equal(onlyOpenhands.matched, info.sessions.length - 1, 'list_sessions source=openhands');
const onlyClaude = await call(client, 'list_sessions', { source: 'claude-code', project: 'SPOTTER' });
equal(onlyClaude.sessions.map((s) => s.id), [claude.id], 'list_sessions source=claude-code project=SPOTTER');
const since = await call(client, 'list_sessions', { since: '2026-02-01' });
equal(since.sessions.map((s) => s.id), [claude.id], 'list_sessions since=2026-02-01');
const recent = await call(client, 'list_sessions', { since: '1h' });
equal(recent.matched, 0, 'list_sessions since=1h (the samples are older)');
const claudeVerdict = why.sessions.find((s) => s.id === claude.id).verdict;
const byVerdict = await call(client, 'list_sessions', { verdict: claudeVerdict.slice(0, 30).toUpperCase() });
check(byVerdict.sessions.some((s) => s.id === claude.id), 'list_sessions verdict filter');
const page = await call(client, 'list_sessions', { limit: 1, offset: 1 });
check(page.sessions.length === 1 && page.next_offset === 2 && /offset=2/.test(page.note), 'list_sessions paging');
equal(listed.sessions[0].id, claude.id, 'list_sessions: newest first');

// session_summary: why --json's findings with their structured fields.
for (const expected of why.sessions) {
  const summary = await call(client, 'session_summary', { session: `#${expected.number}`, max_findings: 200 });
  equal(summary.id, expected.id, `session_summary #${expected.number}: id`);
  equal(summary.verdict, expected.verdict, `session_summary #${expected.number}: verdict`);
  equal(summary.findings_total, expected.findings.length, `session_summary #${expected.number}: findings`);
  expected.findings.forEach((f, i) => {
    const got = summary.findings[i];
    for (const key of ['kind', 'severity', 'first_span', 'last_span', 'spans', 'count', 'cause_span', 'gap_ns',
      'ended_run', 'policy', 'summary']) {
      equal(got?.[key], f[key], `session_summary #${expected.number} finding ${i}: ${key}`);
    }
    for (const key of ['action', 'reason']) {
      if (f[key].length <= 600) equal(got?.[key], f[key], `session_summary #${expected.number} finding ${i}: ${key}`);
    }
  });
  const row = info.sessions.find((s) => s.id === expected.id);
  equal(summary.models, row.models, `session_summary #${expected.number}: models`);
  equal(summary.branch, row.branch, `session_summary #${expected.number}: branch`);
}
const byPrefix = await call(client, 'session_summary', { session: claude.id.slice(0, 8) });
equal(byPrefix.id, claude.id, 'session_summary by id prefix');
check(claude.denials > 0 && why.sessions.find((s) => s.id === claude.id).findings.length > 0,
  'the Claude Code session has findings to compare');

// find: the same matches and snippets as find --json.
const matches = await call(client, 'find', { query, limit: 500 });
equal(matches.query, found.query, 'find: the query as parsed');
equal(matches.count, found.count, 'find: count');
check(found.count > 20, `find: enough matches to compare (${found.count})`);
equal(matches.matches, found.matches, 'find: matches as find --json');
const firstPage = await call(client, 'find', { query, limit: 5 });
const secondPage = await call(client, 'find', { query, limit: 5, offset: firstPage.next_offset });
equal([...firstPage.matches, ...secondPage.matches], found.matches.slice(0, 10), 'find: paging');
const inSession = await call(client, 'find', { query: 'status:error', session: `#${claude.number}` });
const cliInSession = cli('find', bundle, 'status:error', '--session', `#${claude.number}`, '--json');
equal(inSession.matches, cliInSession.matches, 'find --session');

// span_records: the exact bytes of the log, paged.
const bash = found.matches.find((m) => m.session === claude.id && m.name === 'Bash');
const whole = await call(client, 'span_records', { span: bash.span, max_bytes: 262144 });
equal([whole.kind, whole.name, whole.session], ['tool', 'Bash', claude.id], 'span_records: the span');
const transcriptText = fs.readFileSync(transcript, 'utf8');
for (const record of whole.records) {
  check(record.present && record.next_offset === null, `span_records ${record.role}: whole`);
  equal(Buffer.byteLength(record.text), record.bytes, `span_records ${record.role}: bytes`);
  check(transcriptText.includes(record.text), `span_records ${record.role}: a record of the transcript, byte for byte`);
  check(JSON.parse(record.text).type !== undefined, `span_records ${record.role}: a JSON record`);
}
let paged = '';
let offset = 0;
for (let i = 0; i < 1000 && offset !== null; i++) {
  const part = await call(client, 'span_records', { session: `#${claude.number}`, span_in_session: bash.span_in_session,
    record: 'end', offset, max_bytes: 256 });
  paged += part.records[0].text;
  offset = part.records[0].next_offset;
  if (offset !== null) check(part.complete === false && /next_offset/.test(part.note), 'span_records: says how to go on');
}
equal(paged, whole.records[1].text, 'span_records: 256-byte pages join into the end record');

// audit: the same replay as audit --json.
const audit = await call(client, 'audit', { max_findings: 500 });
equal(audit.policies, audited.policies, 'audit: policies');
for (const expected of audited.sessions) {
  const got = audit.sessions.find((s) => s.session === expected.session);
  for (const key of ['calls', 'mapped_calls', 'denied_calls', 'post_denied_calls', 'instructed_calls']) {
    equal(got?.[key], expected[key], `audit ${expected.session}: ${key}`);
  }
  equal(got?.findings, expected.findings, `audit ${expected.session}: findings`);
}
equal(audit.would_deny, audited.exit_code === 4, 'audit: would_deny');
const whatIf = await call(client, 'audit', { session: `#${claude.number}`, what_if: true, policies: 'all' });
const cliWhatIf = cli('audit', bundle, '--session', `#${claude.number}`, '--what-if', '--policies', 'all', '--json');
equal(whatIf.sessions[0].what_if_calls, cliWhatIf.sessions[0].what_if_calls, 'audit what_if: what_if_calls');

// Errors the model can read: isError results; an unknown tool is a protocol error.
const badSession = await call(client, 'session_summary', { session: 'no-such-session' });
check(/no-such-session/.test(badSession.error ?? ''), `session_summary: an unknown session (${badSession.error})`);
const badQuery = await call(client, 'find', { query: '(unclosed' });
check(/query/.test(badQuery.error ?? ''), `find: a bad query (${badQuery.error})`);
const badArgument = await call(client, 'list_sessions', { colour: 'red' });
check(/unknown argument "colour"/.test(badArgument.error ?? ''), `list_sessions: an unknown argument`);
const badType = await call(client, 'find', { query: 'x', limit: 'ten' });
check(/limit/.test(badType.error ?? ''), `find: a limit of the wrong type (${badType.error})`);
const badSpan = await call(client, 'span_records', { span: 10 ** 9 });
check(/does not exist/.test(badSpan.error ?? ''), `span_records: a span out of range (${badSpan.error})`);
let unknownTool = null;
try {
  await client.callTool({ name: 'no_such_tool', arguments: {} });
} catch (e) {
  unknownTool = e;
}
check(unknownTool?.code === -32602, `an unknown tool is JSON-RPC error -32602 (${unknownTool?.code})`);
await client.close();
check(/list_sessions: ok/.test(stderr()), 'the server logs to stderr');

// --- the default location: CLAUDE_CONFIG_DIR/projects ------------------------------------------------------------
const home = path.join(work, 'claude-config');
const project = path.join(home, 'projects', '-home-user-spotter');
fs.rmSync(home, { recursive: true, force: true });
fs.mkdirSync(project, { recursive: true });
fs.copyFileSync(transcript, path.join(project, path.basename(transcript)));
const { client: defaults } = await connect(['mcp'], { PATH: process.env.PATH, HOME: work, CLAUDE_CONFIG_DIR: home });
const defaultList = await call(defaults, 'list_sessions', {});
equal(defaultList.sessions.map((s) => s.id), [claude.id], 'mcp without inputs serves CLAUDE_CONFIG_DIR/projects');
// A live session grows: the next call sees the new records.
const before = defaultList.sessions[0].spans;
const lines = transcriptText.split('\n').filter((l) => l.includes('"type":"user"')).slice(0, 1);
fs.appendFileSync(path.join(project, path.basename(transcript)), lines.join('\n') + '\n');
const after = await call(defaults, 'list_sessions', {});
check(after.sessions[0].spans > before, `a transcript that grew is read again (${before} -> ${after.sessions[0].spans})`);
await defaults.close();

// --- the raw wire ------------------------------------------------------------------------------------------------
const raw = spawn(agentreel, ['mcp', bundle], { stdio: ['pipe', 'pipe', 'pipe'] });
let out = '';
raw.stdout.on('data', (chunk) => (out += chunk));
raw.stderr.on('data', () => {});
const send = (text) => raw.stdin.write(text + '\n');
send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '0' } } }));
send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }));
send('{"jsonrpc":"2.0","id":2,"method":"tools/list"');  // cut short
send('[{"jsonrpc":"2.0","id":3,"method":"ping"}]');       // batches left 2025-06-18
send(JSON.stringify({ jsonrpc: '2.0', id: 4, method: 'resources/list' }));
send(JSON.stringify({ jsonrpc: '1.0', id: 5, method: 'ping' }));
send(JSON.stringify({ jsonrpc: '2.0', id: 6, method: 'ping' }));
raw.stdin.end();
await new Promise((resolve) => raw.on('close', resolve));
const replies = out.trim().split('\n').map((line) => JSON.parse(line));
equal(replies.map((r) => [r.id, r.error?.code ?? 'ok']),
  [[1, 'ok'], [null, -32700], [null, -32600], [4, -32601], [5, -32600], [6, 'ok']], 'raw wire: replies and codes');
equal(replies[0].result.protocolVersion, '2025-06-18', 'raw wire: the revision asked for');
check(/not valid JSON/.test(replies[1].error.message), 'raw wire: the parse error says so');

console.log(`${failures ? 'FAIL' : 'OK'}: ${checks - failures} of ${checks} checks passed`);
process.exit(failures ? 1 : 0);
