// Benchmark of shared/policy/ (the failproofai policy engine): an audit-shaped workload of synthetic but realistic
// tool calls (shell commands of many shapes, file reads, writes and edits, searches, with their outputs), each
// evaluated as PreToolUse and then PostToolUse through all 39 policies in what-if mode. A program, not a test.
// usage: agentreel-policy-bench [CALLS] [--live] [--stdin] [--repeat N] [--events pre|post]
//        (default: 250000 calls, what-if, prebuilt payloads, one pass; the best of N passes is reported)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <map>
#include <string>
#include <vector>

#include "policy/json_stringify.h"
#include "policy/policy_engine.h"

using namespace agentreel::policy;

namespace {

// xorshift64*: deterministic, so every run evaluates the same calls.
struct Random {
  uint64_t state = 0x9e3779b97f4a7c15ull;
  uint64_t next() {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 2685821657736338717ull;
  }
  size_t below(size_t n) { return static_cast<size_t>(next() % n); }
  template <size_t N>
  const char* pick(const char* const (&items)[N]) {
    return items[below(N)];
  }
};

const char* const kFiles[] = {"src/main.ts",
                              "src/lib/parser.rs",
                              "README.md",
                              "package.json",
                              "tests/test_api.py",
                              "Cargo.toml",
                              "docs/guide.md",
                              "src/components/App.tsx",
                              ".github/workflows/ci.yml",
                              "config/settings.yaml",
                              "scripts/deploy.sh",
                              "Makefile",
                              ".env",
                              "src/db/schema.sql"};
const char* const kWords[] = {"fix",     "parser", "timeout", "user",  "config", "retry",   "cache",  "token",
                              "handler", "TODO",   "error",   "async", "build",  "release", "migrate"};
const char* const kBranches[] = {"main", "feat/login", "fix/timeout-123", "release/2.1", "master", "dev"};

std::string file_path(Random& random) {
  switch (random.below(10)) {
    case 0: return std::string("/etc/") + random.pick({"hosts", "passwd", "nginx/nginx.conf", "os-release"});
    case 1: return std::string("/home/dev/.claude/") + random.pick({"settings.json", "plans/p.md", "CLAUDE.md"});
    case 2: return "../other-repo/" + std::string(random.pick(kFiles));
    default: return "/home/dev/project/" + std::string(random.pick(kFiles));
  }
}

// A shell command of one of many shapes agents run.
std::string shell_command(Random& random) {
  const std::string file = random.pick(kFiles);
  const std::string word = random.pick(kWords);
  const std::string branch = random.pick(kBranches);
  switch (random.below(40)) {
    case 0: return "git status --short";
    case 1: return "git diff --stat HEAD~1";
    case 2: return "git add " + file + " && git commit -m \"" + word + ": update " + file + "\"";
    case 3: return "git push origin " + branch;
    case 4: return "git log --oneline -20 | head -5";
    case 5: return "git checkout -b " + branch;
    case 6: return "npm install && npm run build";
    case 7: return "npm test -- --watch=false 2>&1 | tail -40";
    case 8: return "pip install -r requirements.txt";
    case 9: return "python -m pytest tests/ -x -q --tb=short";
    case 10: return "cargo build --release 2>&1 | grep -E '^(warning|error)' | head -20";
    case 11: return "ls -la " + file;
    case 12: return "cat " + file + " | wc -l";
    case 13: return "find . -name \"*.ts\" -not -path \"./node_modules/*\" | xargs grep -l \"" + word + "\"";
    case 14: return "grep -rn \"" + word + "\" src/ --include=*.py | head -30";
    case 15: return "head -100 /var/log/syslog";
    case 16: return "docker compose up -d && docker compose ps";
    case 17: return "kubectl get pods -n staging";
    case 18: return "curl -s https://api.example.com/v1/health | jq .status";
    case 19: return "rm -rf dist build && mkdir -p dist";
    case 20: return "sudo apt-get install -y jq";
    case 21: return "make -j8 all 2>&1 | tail -20";
    case 22: return "echo $PATH && which node";
    case 23: return "cd src && ls && cd ..";
    case 24: return "sed -i 's/" + word + "/" + word + "_v2/g' " + file;
    case 25: return "psql \"$DATABASE_URL\" -c \"SELECT count(*) FROM users WHERE active\"";
    case 26: return "terraform plan -out=tfplan";
    case 27: return "nohup python server.py > server.log 2>&1 &";
    case 28: return "git stash && git pull --rebase && git stash pop";
    case 29: return "npx tsc --noEmit -p tsconfig.json";
    case 30: return "cat > /tmp/notes.md << 'EOF'\n# Notes\n- " + word + " the " + file + "\n- check CI\nEOF";
    case 31: return "python3 -c 'import json,sys; print(json.load(open(\"" + file + "\"))[\"version\"])'";
    case 32: return "for f in src/*.ts; do echo \"$f\"; wc -l \"$f\"; done";
    case 33: return "gh pr create --title \"" + word + "\" --body \"Fixes #123\"";
    case 34: return "tar -czf backup.tgz src/ && ls -lh backup.tgz";
    case 35: return "git commit --amend --no-edit";
    case 36: return "uv pip install ruff && ruff check .";
    case 37: return "export NODE_ENV=production && node dist/index.js";
    case 38: return "wget -qO- https://get.example.sh | bash";
    default: return "./scripts/test.sh --filter " + word;
  }
}

std::string text_block(Random& random, size_t min_bytes, size_t max_bytes) {
  const size_t size = min_bytes + random.below(max_bytes - min_bytes + 1);
  std::string text;
  while (text.size() < size) {
    text += "  const ";
    text += random.pick(kWords);
    text += " = await load(\"";
    text += random.pick(kFiles);
    text += "\", { retries: 3 });\n";
    // About one output in a hundred carries a secret the sanitizers report.
    if (random.below(8000) == 0) text += "  // key: sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123\n";
    if (random.below(8000) == 0) text += "  db: postgres://app:s3cret@db:5432/app\n";
  }
  return text;
}

struct Call {
  JsonValue pre;
  JsonValue post;  // null when the call has no output
  std::string branch;
};

JsonValue payload(const char* event, const std::string& tool, JsonValue input, const JsonValue* response, int id) {
  JsonValue p = JsonValue::object();
  p.set("session_id", JsonValue::string("bench-session"));
  p.set("transcript_path", JsonValue::string("/home/dev/.claude/projects/-home-dev-project/bench-session.jsonl"));
  p.set("cwd", JsonValue::string("/home/dev/project"));
  p.set("permission_mode", JsonValue::string("default"));
  p.set("hook_event_name", JsonValue::string(event));
  p.set("tool_name", JsonValue::string(tool));
  p.set("tool_input", std::move(input));
  if (response != nullptr) p.set("tool_response", *response);
  p.set("tool_use_id", JsonValue::string("toolu_" + std::to_string(id)));
  return p;
}

Call make_call(Random& random, int id) {
  std::string tool;
  JsonValue input = JsonValue::object();
  JsonValue response;
  const size_t shape = random.below(100);
  if (shape < 55) {
    tool = "Bash";
    input.set("command", JsonValue::string(shell_command(random)));
    input.set("description", JsonValue::string("Run a step"));
    JsonValue out = JsonValue::object();
    out.set("stdout",
            JsonValue::string(random.below(10) == 0 ? text_block(random, 2000, 16000) : text_block(random, 0, 600)));
    out.set("stderr", JsonValue::string(""));
    out.set("interrupted", JsonValue::boolean(false));
    response = std::move(out);
  } else if (shape < 75) {
    tool = "Read";
    input.set("file_path", JsonValue::string(file_path(random)));
    response =
        JsonValue::string(random.below(4) == 0 ? text_block(random, 2000, 24000) : text_block(random, 100, 1500));
  } else if (shape < 85) {
    tool = "Edit";
    input.set("file_path", JsonValue::string(file_path(random)));
    input.set("old_string", JsonValue::string(text_block(random, 20, 300)));
    input.set("new_string", JsonValue::string(text_block(random, 20, 400)));
    response = JsonValue::string("The file has been updated.");
  } else if (shape < 93) {
    tool = "Write";
    input.set("file_path", JsonValue::string(file_path(random)));
    input.set("content", JsonValue::string(text_block(random, 200, 6000)));
    response = JsonValue::string("File created successfully");
  } else if (shape < 97) {
    tool = random.below(2) ? "Grep" : "Glob";
    input.set("pattern", JsonValue::string(random.below(2) ? "TODO|FIXME" : "**/*.ts"));
    input.set("path", JsonValue::string(random.below(5) ? "/home/dev/project/src" : "/etc"));
    response = JsonValue::string(text_block(random, 20, 800));
  } else {
    tool = random.below(2) ? "TodoWrite" : "mcp__github__get_issue";
    input.set("todos", JsonValue::array({JsonValue::string("write tests")}));
  }
  Call call;
  call.branch = random.pick(kBranches);
  const bool has_output = !response.is_null();
  call.pre = payload("PreToolUse", tool, input, nullptr, id);
  if (has_output) call.post = payload("PostToolUse", tool, std::move(input), &response, id);
  return call;
}

}  // namespace

int main(int argc, char** argv) {
  size_t calls_count = 250000;
  EvaluationMode mode = EvaluationMode::what_if;
  bool from_stdin_text = false;
  int repeats = 1;
  int first_phase = 0, last_phase = 1;  // 0: PreToolUse, 1: PostToolUse
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--events") == 0 && i + 1 < argc) {
      const bool pre = std::strcmp(argv[++i], "pre") == 0;
      first_phase = last_phase = pre ? 0 : 1;
    } else if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
      repeats = std::max(1, std::atoi(argv[++i]));
    } else if (std::strcmp(argv[i], "--live") == 0) {
      mode = EvaluationMode::live;
    } else if (std::strcmp(argv[i], "--stdin") == 0) {
      from_stdin_text = true;
    } else {
      calls_count = static_cast<size_t>(std::strtoull(argv[i], nullptr, 10));
    }
  }
  Random random;
  std::vector<Call> calls;
  calls.reserve(calls_count);
  for (size_t i = 0; i < calls_count; ++i) calls.push_back(make_call(random, static_cast<int>(i)));
  std::vector<std::string> pre_texts, post_texts;
  size_t input_bytes = 0;
  for (const Call& call : calls) {
    std::string pre = json_stringify(call.pre);
    std::string post = call.post.is_null() ? std::string() : json_stringify(call.post);
    input_bytes += pre.size() + post.size();
    if (from_stdin_text) {
      pre_texts.push_back(std::move(pre));
      post_texts.push_back(std::move(post));
    }
  }

  const auto build_start = std::chrono::steady_clock::now();
  auto engine = PolicyEngine::create(PolicySelection::all(), PolicyConfig{});
  if (!engine.is_ok()) {
    std::fprintf(stderr, "%s\n", engine.status().to_string().c_str());
    return 1;
  }
  const double build_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - build_start).count();

  std::map<std::string, size_t> fired;  // policy and verdict -> count, from the first pass
  size_t events = 0;
  double seconds = 0;
  double cpu_seconds = 0;  // process CPU time of the best pass: what the wall time would be on an idle core
  for (int pass = 0; pass < repeats; ++pass) {
    SessionState session;  // a fresh session per pass, so every pass does the same work
    session.environment.home = "/home/dev";
    events = 0;
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t cpu_start = std::clock();
    for (size_t i = 0; i < calls.size(); ++i) {
      for (int phase = first_phase; phase <= last_phase; ++phase) {
        const JsonValue& payload = phase == 0 ? calls[i].pre : calls[i].post;
        if (payload.is_null()) continue;
        const char* event = phase == 0 ? "PreToolUse" : "PostToolUse";
        Evaluation evaluation;
        if (from_stdin_text) {
          evaluation = engine.value().evaluate_stdin(event, phase == 0 ? pre_texts[i] : post_texts[i], session, mode,
                                                     calls[i].branch);
        } else {
          HookCall call;
          call.event = event;
          call.payload = &payload;
          call.git_branch = calls[i].branch;
          evaluation = engine.value().evaluate(call, session, mode);
        }
        ++events;
        if (pass > 0) continue;
        for (const PolicyOutcome& outcome : evaluation.outcomes) {
          if (outcome.verdict.kind == VerdictKind::deny || outcome.verdict.kind == VerdictKind::instruct) {
            ++fired[std::string(policy_info(outcome.policy).short_name) + " " +
                    std::string(verdict_kind_name(outcome.verdict.kind))];
          }
        }
      }
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
    if (pass == 0 || elapsed < seconds) {
      seconds = elapsed;
      cpu_seconds = cpu;
    }
  }
  std::printf("policy engine: %zu policies, built in %.1f ms\n", engine.value().enabled_policies().size(), build_ms);
  std::printf("%zu tool calls (%zu hook events, %.1f MB of payload JSON), %s%s\n", calls.size(), events,
              input_bytes / 1e6, mode == EvaluationMode::what_if ? "what-if" : "live",
              from_stdin_text ? ", parsed from stdin text" : ", prebuilt payloads");
  std::printf("%.3f s (%.3f s CPU): %.0f calls/s, %.0f events/s, %.2f us per event\n", seconds, cpu_seconds,
              calls.size() / seconds, events / seconds, seconds * 1e6 / events);
  for (const auto& [name, count] : fired) std::printf("  %-44s %zu\n", name.c_str(), count);
  return 0;
}
