// agentreel: the command-line converter. Dispatches to one file per subcommand.
#include <cstdio>
#include <cstring>
#include <string>

#include "commands.h"

namespace {

constexpr const char* kUsage =
    "usage: agentreel <command> [options]\n"
    "\n"
    "  convert INPUT... -o OUT.reel [--strict] [--quiet] [--format NAME] [--level N] [--threads N] [--block-mib N]\n"
    "          [--no-long]\n"
    "          [--find-index auto|always|never]\n"
    "          [--redact] [--redact-pattern REGEX]... [--allow REGEX]...\n"
    "        read event logs (files or directories) into one session bundle; warns of secrets, --redact removes them\n"
    "  info BUNDLE|LOGS... [--session ID] [--json]\n"
    "        sessions (titles, project, branch, models, tokens by class), spans, inputs and skipped records\n"
    "  verify BUNDLE             check every checksum; names the bad block\n"
    "  export BUNDLE -o DIR      write every input file back, byte for byte\n"
    "  export BUNDLE --format otlp|chrome -o FILE\n"
    "        the spans as OTLP/JSON (OpenTelemetry GenAI conventions) or a Chrome trace (Perfetto, speedscope)\n"
    "  html BUNDLE -o OUT.html [--viewer TEMPLATE.html] [--redact] [--redact-pattern REGEX]... [--allow REGEX]...\n"
    "        the single-file viewer with the bundle embedded (opens from disk); --redact embeds a redacted copy\n"
    "  why BUNDLE|LOGS... [--session ID] [--json]\n"
    "        per session: loops, drift, blocked actions, errors, cut-offs, stalls, in plain words\n"
    "  find BUNDLE|LOGS... QUERY [--session ID] [--json] [--limit N]\n"
    "        spans matching the find language (words, \"phrases\", tool:, kind:, status:, file:, cmd:, dur>,\n"
    "        -negation, OR, parentheses) in names, attributes and the records' text\n"
    "  secrets BUNDLE|LOGS... [--json] [--format NAME] [--redact-pattern REGEX]... [--allow REGEX]...\n"
    "        every secret (API keys, tokens, private keys, passwords) with where it is; masked, never shown\n"
    "  redact BUNDLE -o OUT.reel [--redact-pattern REGEX]... [--allow REGEX]... [--threads N]\n"
    "        a copy with each secret replaced by a placeholder of its kind, and a manifest of what went where\n"
    "  audit BUNDLE|LOGS... [--config FILE]... [--policies default|all|NAME,...] [--what-if] [--session ID] [--json]\n"
    "        replay every tool call through failproofai's policies: what each would have denied or instructed\n"
    "  pull [--since 15m|1h|6h|24h|7d|all] [--project NAME] [--source claude|codex|gemini|copilot]\n"
    "       [-o OUT.reel | --html OUT.html | --json]\n"
    "        the sessions written to lately in the harnesses' log folders (~/.claude/projects, ~/.codex/sessions,\n"
    "        ~/.gemini/tmp, ~/.copilot): bundled, as the page, or listed with each session's verdict\n"
    "  mcp [BUNDLE|LOGS...] [--format NAME]\n"
    "        a Model Context Protocol server on stdio for editors' agents (sessions, diagnosis, find, records,\n"
    "        audit); without inputs it serves Claude Code's ~/.claude/projects ($CLAUDE_CONFIG_DIR/projects)\n"
    "\n"
    "A session (--session) is its id, a unique prefix of it, or #N (its number in the bundle, from 1).\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace agentreel::cli;
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
    std::fputs(kUsage, argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  const std::string command = argv[1];
  const Args args(argv + 2, argv + argc);
  if (command == "convert") return run_convert(args);
  if (command == "info") return run_info(args);
  if (command == "verify") return run_verify(args);
  if (command == "export") return run_export(args);
  if (command == "html") return run_html(args);
  if (command == "why") return run_why(args);
  if (command == "find") return run_find(args);
  if (command == "secrets") return run_secrets(args);
  if (command == "redact") return run_redact(args);
  if (command == "audit") return run_audit(args);
  if (command == "pull") return run_pull(args);
  if (command == "mcp") return run_mcp(args);
  std::fprintf(stderr, "agentreel: unknown command \"%s\"\n\n%s", command.c_str(), kUsage);
  return 2;
}
