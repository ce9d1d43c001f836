// A tool call's comparable features (see call_features.h). Shell commands are read with a small word splitter
// (quotes, escapes, operators and redirections; no expansion), which is all the features need: the program
// and subcommand, the flags that get around a guard, the file a redirection or `sed -i` writes.
#include "model/call_features.h"

#include <algorithm>
#include <array>

namespace agentreel {
namespace {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
inline bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
inline char to_lower(char c) { return is_upper(c) ? char(c - 'A' + 'a') : c; }
inline bool is_word_char(char c) { return is_alnum(c) || c == '_' || c == '-'; }

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ull;
constexpr uint64_t kFnvPrime = 0x100000001b3ull;

struct Fnv {
  uint64_t h = kFnvOffset;
  void add(std::string_view text) {
    for (const char c : text) h = (h ^ uint8_t(c)) * kFnvPrime;
  }
  void add(char c) { h = (h ^ uint8_t(c)) * kFnvPrime; }
  // Folded to kCallHashBits, never 0.
  uint64_t value() const {
    const uint64_t mask = (uint64_t(1) << kCallHashBits) - 1;
    const uint64_t folded = (h ^ (h >> kCallHashBits)) & mask;
    return folded == 0 ? 1 : folded;
  }
};

uint64_t hash_of(std::string_view prefix, std::string_view text) {
  Fnv f;
  f.add(prefix);
  f.add(text);
  return f.value();
}

// Arguments that say why or how long, not what: two calls that differ only there are the same call.
bool is_prose_key(std::string_view key) {
  static constexpr std::array<std::string_view, 13> kKeys = {
      "description", "explanation",      "reason",  "reasoning",  "thought", "thoughts",     "summary",
      "intent",      "strategic_intent", "timeout", "timeout_ms", "comment", "justification"};
  return std::find(kKeys.begin(), kKeys.end(), key) != kKeys.end();
}

// Words that say nothing about a subject: English glue, generic directory names, common programs.
constexpr std::string_view kStopwords[] = {
    "the",       "and",        "that",       "this",    "with", "from",    "into",    "your",   "have",   "will",
    "then",      "than",       "them",       "they",    "what", "when",    "where",   "which",  "while",  "there",
    "for",       "not",        "are",        "but",     "all",  "any",     "can",     "use",    "using",  "sure",
    "should",    "would",      "could",      "also",    "just", "only",    "some",    "more",   "each",   "every",
    "instead",   "please",     "make",       "need",    "like", "does",    "doesn",   "don",    "it's",   "its",
    "file",      "files",      "true",       "false",   "null", "none",    "name",    "type",   "text",   "line",
    "home",      "users",      "user",       "tmp",     "src",  "lib",     "usr",     "bin",    "var",    "etc",
    "workspace", "repo",       "root",       "main",    "test", "tests",   "spec",    "docs",   "dev",    "opt",
    "cargo",     "pytest",     "python",     "python3", "node", "npm",     "npx",     "yarn",   "pnpm",   "pip",
    "bash",      "grep",       "jest",       "head",    "tail", "sudo",    "echo",    "cat",    "sed",    "awk",
    "find",      "git",        "mix",        "make",    "run",  "exec",    "print",   "printf", "true",   "env",
    "index",     "init",       "json",       "yaml",    "txt",  "md",      "py",      "js",     "ts",     "tsx",
    "rs",        "go",         "rb",         "java",    "html", "css",     "sh",      "toml",   "lock",   "log",
    "string",    "old_string", "new_string", "command", "path", "pattern", "content", "input",  "output",
};

bool is_stopword(std::string_view word) {
  for (const std::string_view w : kStopwords)
    if (w == word) return true;
  return false;
}

uint16_t topic_hash(std::string_view prefix, std::string_view word) {
  uint32_t h = 2166136261u;
  for (const char c : prefix) h = (h ^ uint8_t(c)) * 16777619u;
  for (const char c : word) h = (h ^ uint8_t(c)) * 16777619u;
  const uint16_t folded = uint16_t(h ^ (h >> 16));
  return folded == 0 ? 1 : folded;
}

// Collects distinct topics up to a cap.
class TopicSet {
 public:
  explicit TopicSet(size_t cap) : cap_(cap) {}
  bool full() const { return topics_.size() >= cap_; }
  void add(uint16_t topic) {
    if (full() || std::find(topics_.begin(), topics_.end(), topic) != topics_.end()) return;
    topics_.push_back(topic);
  }
  // A word's topic is its first five letters: "rotated" and "rotation" are one subject.
  void add_word(std::string_view lower, size_t min_size) {
    if (lower.size() < min_size || lower.size() > 40 || is_stopword(lower) || looks_like_id(lower)) return;
    size_t digits = 0;
    for (const char c : lower) digits += is_digit(c);
    if (digits * 2 > lower.size()) return;
    add(topic_hash("w:", lower.substr(0, std::min<size_t>(lower.size(), 5))));
  }
  // The words of `text`: runs of letters and digits, split at underscores, dashes and camelCase humps.
  void add_words(std::string_view text, size_t min_size) {
    std::string word;
    auto flush = [&] {
      add_word(word, min_size);
      word.clear();
    };
    for (size_t i = 0; i < text.size() && !full(); ++i) {
      const char c = text[i];
      if (!is_alnum(c)) {
        flush();
        continue;
      }
      if (is_upper(c) && i > 0 && is_lower(text[i - 1])) flush();
      word += to_lower(c);
    }
    flush();
  }
  // A path: its file name as a whole, the words of its stem, and the words of its directory.
  void add_path(std::string_view path) {
    while (!path.empty() && (path.back() == '/' || path.back() == '\\')) path.remove_suffix(1);
    const size_t slash = path.find_last_of("/\\");
    const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
    if (base.empty()) return;
    std::string lower(base);
    for (char& c : lower) c = to_lower(c);
    const size_t dot = lower.rfind('.');
    if (dot != std::string::npos && dot > 0) add(topic_hash("f:", lower));
    add_words(dot != std::string::npos && dot > 0 ? std::string_view(lower).substr(0, dot) : std::string_view(lower),
              3);
    if (slash != std::string_view::npos && slash > 0) {
      const std::string_view dir = path.substr(0, slash);
      const size_t up = dir.find_last_of("/\\");
      add_words(up == std::string_view::npos ? dir : dir.substr(up + 1), 3);
    }
  }
  std::vector<uint16_t> take() { return std::move(topics_); }

 private:
  size_t cap_;
  std::vector<uint16_t> topics_;
};

// A word that names a file or directory: it has a slash, or ends in a short extension after letters.
bool looks_like_path(std::string_view word) {
  if (word.size() < 3 || word.size() > 300 || word.find("://") != std::string_view::npos) return false;
  if (word.find('/') != std::string_view::npos) return std::any_of(word.begin(), word.end(), is_alpha);
  const size_t dot = word.rfind('.');
  return dot != std::string_view::npos && dot > 0 && word.size() - dot >= 2 && word.size() - dot <= 6 &&
         is_alpha(word[dot + 1]) && is_alnum(word[dot - 1]);
}

std::string_view base_name(std::string_view path) {
  while (!path.empty() && (path.back() == '/' || path.back() == '\\')) path.remove_suffix(1);
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

uint64_t file_hash(std::string_view path) {
  std::string lower(base_name(path));
  for (char& c : lower) c = to_lower(c);
  return hash_of("f:", lower);
}

// ---- shell words ----

struct ShellWord {
  std::string text;
  bool op = false;  // an operator: && || ; | & newline, or a redirection (> >> 2> &> < <<)
};

constexpr size_t kMaxShellWords = 400;

std::vector<ShellWord> shell_words(std::string_view cmd) {
  std::vector<ShellWord> words;
  std::string current;
  bool has_current = false;
  auto flush = [&] {
    if (has_current) words.push_back({std::move(current), false});
    current.clear();
    has_current = false;
  };
  auto op = [&](std::string text) {
    flush();
    words.push_back({std::move(text), true});
  };
  std::string heredoc;  // the delimiter of a heredoc whose body starts at the next line
  bool heredoc_next = false;
  size_t i = 0;
  while (i < cmd.size() && words.size() < kMaxShellWords) {
    const char c = cmd[i];
    if (heredoc_next && has_current && (is_space(c) || c == '\n')) {
      heredoc = current;
      heredoc_next = false;
    }
    if (c == '\n') {
      op("\n");
      ++i;
      // A heredoc's body is data, not commands: skip to the line after its delimiter.
      while (!heredoc.empty() && i < cmd.size()) {
        size_t end = cmd.find('\n', i);
        if (end == std::string_view::npos) end = cmd.size();
        std::string_view body_line = cmd.substr(i, end - i);
        while (!body_line.empty() && is_space(body_line.front())) body_line.remove_prefix(1);
        while (!body_line.empty() && is_space(body_line.back())) body_line.remove_suffix(1);
        i = end + 1;
        if (body_line == heredoc) heredoc.clear();
      }
      heredoc.clear();
    } else if (is_space(c)) {
      flush();
      ++i;
    } else if (c == '\'') {
      const size_t close = cmd.find('\'', i + 1);
      const size_t end = close == std::string_view::npos ? cmd.size() : close;
      current.append(cmd.substr(i + 1, end - i - 1));
      has_current = true;
      i = end + 1;
    } else if (c == '"') {
      ++i;
      while (i < cmd.size() && cmd[i] != '"') {
        if (cmd[i] == '\\' && i + 1 < cmd.size()) ++i;
        current += cmd[i++];
      }
      has_current = true;
      ++i;
    } else if (c == '\\' && i + 1 < cmd.size()) {
      if (cmd[i + 1] != '\n') current += cmd[i + 1];
      has_current = cmd[i + 1] != '\n' || has_current;
      i += 2;
    } else if (c == '&' || c == '|' || c == ';') {
      const bool doubled = i + 1 < cmd.size() && cmd[i + 1] == c && c != ';';
      if (c == '&' && i + 1 < cmd.size() && cmd[i + 1] == '>') {  // &> file
        op(">");
        i += cmd.substr(i + 2, 1) == ">" ? 3 : 2;
        continue;
      }
      op(std::string(doubled ? 2 : 1, c));
      i += doubled ? 2 : 1;
    } else if (c == '>' || c == '<') {
      // "2>" and "1>>": the digits before are the descriptor, not a word.
      if (has_current && std::all_of(current.begin(), current.end(), is_digit)) {
        current.clear();
        has_current = false;
      }
      std::string text(1, c);
      ++i;
      if (i < cmd.size() && cmd[i] == c) text += cmd[i++];
      if (text == "<<") {
        if (i < cmd.size() && cmd[i] == '-') ++i;
        heredoc_next = true;
      }
      if (c == '>' && i < cmd.size() && cmd[i] == '&') {  // 2>&1: no file
        ++i;
        while (i < cmd.size() && (is_digit(cmd[i]) || cmd[i] == '-')) ++i;
        flush();
        continue;
      }
      op(text);
    } else {
      current += c;
      has_current = true;
      ++i;
    }
  }
  flush();
  return words;
}

bool is_separator(const ShellWord& w) {
  return w.op &&
         (w.text == "&&" || w.text == "||" || w.text == ";" || w.text == "&" || w.text == "\n" || w.text == "|");
}

bool is_env_assignment(std::string_view word) {
  const size_t eq = word.find('=');
  if (eq == std::string_view::npos || eq == 0) return false;
  if (!(is_alpha(word[0]) || word[0] == '_')) return false;
  for (size_t k = 0; k < eq; ++k)
    if (!(is_alnum(word[k]) || word[k] == '_')) return false;
  return true;
}

// One simple command of a pipeline: its words (no operators) and the files its redirections write.
struct SimpleCommand {
  std::vector<std::string_view> words;
  std::vector<std::string_view> env;        // NAME=value assignments before the program
  std::vector<std::string_view> redirects;  // files written by > or >>
  bool escalated = false;                   // ran under sudo, doas or su
  bool pipeline_head = true;                // the first command of its pipeline
};

std::vector<SimpleCommand> simple_commands(const std::vector<ShellWord>& words) {
  std::vector<SimpleCommand> out;
  SimpleCommand current;
  bool after_pipe = false;
  auto finish = [&] {
    if (!current.words.empty() || !current.redirects.empty()) {
      current.pipeline_head = !after_pipe;
      out.push_back(std::move(current));
    }
    current = SimpleCommand();
  };
  for (size_t k = 0; k < words.size(); ++k) {
    const ShellWord& w = words[k];
    if (is_separator(w)) {
      const bool pipe = w.text == "|";
      finish();
      after_pipe = pipe;
      continue;
    }
    if (w.op) {  // a redirection: the next word is its file (or a heredoc's delimiter)
      if (k + 1 < words.size() && !words[k + 1].op) {
        const std::string_view target = words[k + 1].text;
        if (w.text[0] == '>' && target != "/dev/null" && !target.empty()) current.redirects.push_back(target);
        ++k;
      }
      continue;
    }
    if (current.words.empty() && is_env_assignment(w.text)) {
      current.env.push_back(w.text);
      continue;
    }
    current.words.push_back(w.text);
  }
  finish();
  // Wrappers run the command after them: drop them so words[0] is the program.
  for (SimpleCommand& c : out) {
    size_t at = 0;
    while (at < c.words.size()) {
      const std::string_view program = base_name(c.words[at]);
      if (program == "sudo" || program == "doas") {
        c.escalated = true;
        ++at;
        while (at < c.words.size() && c.words[at].starts_with('-')) {
          const std::string_view flag = c.words[at++];
          if ((flag == "-u" || flag == "-g") && at < c.words.size()) ++at;
        }
      } else if (program == "env" || program == "nohup" || program == "time" || program == "command" ||
                 program == "exec" || program == "nice" || program == "stdbuf") {
        ++at;
        while (at < c.words.size() && (c.words[at].starts_with('-') || is_env_assignment(c.words[at]))) {
          if (is_env_assignment(c.words[at])) c.env.push_back(c.words[at]);
          ++at;
        }
      } else if (program == "timeout") {
        ++at;
        while (at < c.words.size() && c.words[at].starts_with('-')) ++at;
        if (at < c.words.size()) ++at;  // the duration
      } else if (program == "su" && at + 2 < c.words.size() && c.words[at + 1] == "-c") {
        c.escalated = true;
        at += 2;
      } else {
        break;
      }
    }
    c.words.erase(c.words.begin(), c.words.begin() + long(at));
  }
  return out;
}

bool is_setup_program(std::string_view program) {
  return program == "cd" || program == "pushd" || program == "popd" || program == "export" || program == "source" ||
         program == "." || program == "set" || program == "unset" || program == "echo" || program == "printf" ||
         program == "true" || program == ":" || program == "sleep" || program == "mkdir" || program == "clear";
}

// The first argument that is not an option, from words[from]; git's -C DIR and -c KEY=VALUE are skipped whole.
size_t next_operand(const std::vector<std::string_view>& words, size_t from, bool git) {
  for (size_t k = from; k < words.size(); ++k) {
    const std::string_view w = words[k];
    if (w.starts_with('-')) {
      if (git && (w == "-C" || w == "-c") && k + 1 < words.size()) ++k;
      continue;
    }
    return k;
  }
  return words.size();
}

std::string command_head(const SimpleCommand& c) {
  if (c.words.empty()) return {};
  const std::string_view program = base_name(c.words[0]);
  std::string head(program);
  const bool git = program == "git";
  if ((program.starts_with("python") || program == "node" || program == "ruby") && c.words.size() > 2 &&
      (c.words[1] == "-m" || c.words[1] == "-c")) {
    head += ' ';
    head += c.words[1];
    if (c.words[1] == "-m") (head += ' ') += c.words[2];
    return head;
  }
  size_t at = next_operand(c.words, 1, git);
  if (at >= c.words.size()) return head;
  head += ' ';
  head += c.words[at];
  const std::string_view sub = c.words[at];
  if (sub == "run" || sub == "exec" || sub == "x" || sub == "dlx") {
    at = next_operand(c.words, at + 1, false);
    if (at < c.words.size()) (head += ' ') += c.words[at];
  }
  return head;
}

// The flags of one simple command, and the file it writes (first one found) into `written`.
uint32_t command_flags(const SimpleCommand& c, std::string_view& written) {
  uint32_t flags = c.escalated ? uint32_t(kCallEscalates) : 0u;
  for (const std::string_view e : c.env) {
    if (e.starts_with("HUSKY=0") || e.starts_with("HUSKY_SKIP_HOOKS=") || e.starts_with("SKIP=") ||
        e.starts_with("LEFTHOOK=0") || e.starts_with("PRE_COMMIT_ALLOW_NO_CONFIG=")) {
      flags |= kCallSkipsChecks;
    }
  }
  if (!c.redirects.empty()) {
    flags |= kCallWritesFile;
    if (written.empty()) written = c.redirects.front();
  }
  if (c.words.empty()) return flags;
  const std::string_view program = base_name(c.words[0]);
  const bool git = program == "git";
  const size_t sub_at = next_operand(c.words, 1, git);
  const std::string_view sub = sub_at < c.words.size() ? c.words[sub_at] : std::string_view();
  bool touches_hooks = false;
  for (size_t k = 1; k < c.words.size(); ++k) {
    const std::string_view w = c.words[k];
    if (w == "--no-verify" || w == "--no-gpg-sign" || w == "--no-hooks" || w == "--skip-hooks" ||
        w == "--no-pre-commit" || w.starts_with("--skip-checks")) {
      flags |= kCallSkipsChecks;
    }
    if (git && (sub == "commit" || sub == "merge" || sub == "cherry-pick" || sub == "revert" || sub == "am") &&
        w == "-n") {
      flags |= kCallSkipsChecks;
    }
    if (w == "--force" || w.starts_with("--force-with-lease") || w == "--force-if-includes") flags |= kCallForces;
    if (git && sub == "push" && w.size() >= 2 && w[0] == '-' && w[1] != '-' && w.find('f') != std::string_view::npos)
      flags |= kCallForces;
    if (git && sub == "push" && k > sub_at && w.starts_with('+')) flags |= kCallForces;
    if (w.find("core.hooksPath") != std::string_view::npos || w.starts_with("--dangerously-skip") ||
        w.starts_with("--no-sandbox")) {
      flags |= kCallDisablesGuard;
    }
    if (w.find(".git/hooks") != std::string_view::npos || w.find(".husky") != std::string_view::npos ||
        w.find("pre-commit-config") != std::string_view::npos) {
      touches_hooks = true;
    }
  }
  if (touches_hooks && (program == "rm" || program == "chmod" || program == "mv" || program == "unlink")) {
    flags |= kCallDisablesGuard;
  }
  // Writers: tee FILE, sed -i ... FILE, cp/mv/install/ln ... DEST, dd of=FILE, truncate ... FILE.
  std::string_view dest;
  if (program == "tee") {
    const size_t at = next_operand(c.words, 1, false);
    if (at < c.words.size()) dest = c.words[at];
  } else if ((program == "sed" || program == "perl") && c.words.size() > 2) {
    const bool in_place = std::any_of(c.words.begin() + 1, c.words.end(), [](std::string_view w) {
      return w.starts_with("-i") || w == "--in-place" ||
             (w.size() > 1 && w[0] == '-' && w[1] != '-' && w.find('i') != std::string_view::npos && w.size() <= 4);
    });
    if (in_place && !c.words.back().starts_with('-')) dest = c.words.back();
  } else if ((program == "cp" || program == "mv" || program == "install" || program == "ln" || program == "truncate") &&
             c.words.size() > 2 && !c.words.back().starts_with('-')) {
    dest = c.words.back();
  } else if (program == "dd") {
    for (const std::string_view w : c.words)
      if (w.starts_with("of=")) dest = w.substr(3);
  }
  if (!dest.empty()) {
    flags |= kCallWritesFile;
    if (written.empty()) written = dest;
  }
  if (program == "sleep" || program == "wait" || program == "watch") flags |= kCallWaits;
  return flags;
}

// The head of the last pipeline that does more than set up (cd, export, echo...): what the command is for.
std::string main_head(const std::vector<SimpleCommand>& commands) {
  std::string head;
  for (const SimpleCommand& c : commands)
    if (c.pipeline_head && !c.words.empty() && !is_setup_program(base_name(c.words[0]))) head = command_head(c);
  if (head.empty() && !commands.empty()) head = command_head(commands.back());
  return head;
}

// What a shell command's text contributes: its head (target), flags, written file and subject words.
void shell_features(std::string_view command, CallFeatures& f, TopicSet& topics) {
  const std::vector<ShellWord> words = shell_words(command);
  const std::vector<SimpleCommand> commands = simple_commands(words);
  std::string_view written;
  for (const SimpleCommand& c : commands) f.flags |= command_flags(c, written);
  const std::string head = main_head(commands);
  if (!head.empty()) f.target_hash = hash_of("$ ", head);
  if (!written.empty()) f.write_hash = file_hash(written);
  for (const SimpleCommand& c : commands) {
    for (size_t k = 0; k < c.words.size() && !topics.full(); ++k) {
      const std::string_view w = c.words[k];
      if (w.starts_with('-')) continue;
      if (looks_like_path(w))
        topics.add_path(w);
      else if (k > 0 || c.words.size() == 1)
        topics.add_words(w, 4);
    }
    for (const std::string_view r : c.redirects) topics.add_path(r);
  }
}

}  // namespace

// An id, hash or timestamp fragment: long and mixing digits and letters, or a long run of digits.
bool looks_like_id(std::string_view token) {
  size_t digits = 0, letters = 0;
  for (const char c : token) {
    if (is_digit(c))
      ++digits;
    else if (is_alpha(c))
      ++letters;
  }
  if (digits >= 6 && letters == 0) return true;
  return token.size() >= 8 && digits >= 2 && letters >= 1;
}

std::string normalize_for_identity(std::string_view text, bool json_escaped_whitespace) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (json_escaped_whitespace && c == '\\' && i + 1 < text.size() &&
        (text[i + 1] == 'n' || text[i + 1] == 't' || text[i + 1] == 'r')) {
      pending_space = true;
      i += 2;
      continue;
    }
    if (is_space(c)) {
      pending_space = true;
      ++i;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    if (is_word_char(c)) {
      size_t j = i;
      while (j < text.size() && is_word_char(text[j])) ++j;
      const std::string_view token = text.substr(i, j - i);
      if (looks_like_id(token))
        out += '#';
      else
        out.append(token);
      i = j;
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

std::string shell_command_head(std::string_view command) { return main_head(simple_commands(shell_words(command))); }

CallFeatures compute_call_features(std::string_view tool_name, std::span<const CallArgument> arguments,
                                   uint32_t tool_flags) {
  CallFeatures f;
  TopicSet topics(kMaxCallTopics);
  Fnv identity;
  identity.add(tool_name);
  identity.add('\x1f');
  std::string_view path, pattern, query, url;
  bool shell = false;
  for (const CallArgument& a : arguments) {
    if (!is_prose_key(a.key)) {
      identity.add(a.key);
      identity.add('\x1e');
      identity.add(normalize_for_identity(a.text));
      identity.add('\x1f');
    }
    if (a.role_hint == "command" && !shell) {
      shell = true;
      shell_features(a.text, f, topics);
    } else if (a.role_hint == "path" && path.empty()) {
      path = a.text;
    } else if (a.role_hint == "pattern" && pattern.empty()) {
      pattern = a.text;
    } else if (a.role_hint == "query" && query.empty()) {
      query = a.text;
    } else if (a.role_hint == "url" && url.empty()) {
      url = a.text;
    }
  }
  f.args_hash = identity.value();
  if (!path.empty()) {
    topics.add_path(path);
    if (f.target_hash == 0) f.target_hash = file_hash(path);
  }
  if (!pattern.empty()) {
    if (looks_like_path(pattern))
      topics.add_path(pattern);
    else
      topics.add_words(pattern, 4);
  }
  if (!query.empty()) topics.add_words(query, 4);
  if (!url.empty()) {
    topics.add_words(url.substr(url.find("://") == std::string_view::npos ? 0 : url.find("://") + 3), 4);
    if (f.target_hash == 0) f.target_hash = hash_of("url:", url);
  }
  if (f.target_hash == 0 && !pattern.empty()) f.target_hash = hash_of("pattern:", pattern);
  if (f.target_hash == 0 && !query.empty()) f.target_hash = hash_of("query:", query);
  if (f.target_hash == 0) f.target_hash = hash_of("tool:", tool_name);
  f.flags |= tool_flags & (kCallWaits | kCallAsksUser);
  f.topics = topics.take();
  return f;
}

std::vector<uint16_t> text_topics(std::string_view text, size_t max_topics) {
  TopicSet topics(max_topics);
  size_t i = 0;
  while (i < text.size() && !topics.full()) {
    if (is_space(text[i])) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && !is_space(text[j])) ++j;
    std::string_view word = text.substr(i, j - i);
    i = j;
    // Trim punctuation around a word ("(src/reader.rs)", "tests/test_invoice.py:").
    while (!word.empty() && !is_alnum(word.front()) && word.front() != '.' && word.front() != '/' &&
           word.front() != '_')
      word.remove_prefix(1);
    while (!word.empty() && !is_alnum(word.back())) word.remove_suffix(1);
    if (looks_like_path(word))
      topics.add_path(word);
    else
      topics.add_words(word, 4);
  }
  return topics.take();
}

int64_t pack_topics(std::span<const uint16_t> topics) {
  uint64_t packed = 0;
  for (size_t k = 0; k < topics.size() && k < kTopicsPerRow; ++k) packed |= uint64_t(topics[k]) << (16 * k);
  return int64_t(packed);
}

void unpack_topics(int64_t packed, std::vector<uint16_t>& out) {
  const uint64_t bits = uint64_t(packed);
  for (size_t k = 0; k < kTopicsPerRow; ++k) {
    const uint16_t topic = uint16_t(bits >> (16 * k));
    if (topic != 0) out.push_back(topic);
  }
}

}  // namespace agentreel
