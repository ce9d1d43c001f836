// Drift: the run's work stops sharing anything with its goal (and with the early on-task work) and stays so for
// the rest of the run (docs/diagnosis.md, "drift"). A long session is judged on evenly spaced samples, read in
// stream order, and the drift point is then refined between two samples.
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "diagnosis/detectors.h"
#include "diagnosis/finding_words.h"
#include "diagnosis/text_features.h"

namespace agentreel::diagnosis {
namespace {

// The longest directory shared by the most common absolute-path root (its first three components), when at
// least a quarter of the steps name it; "" otherwise.
std::string common_workdir(const std::vector<std::string>& texts) {
  std::map<std::string, size_t> roots;
  std::vector<std::string> absolute;
  for (const std::string& t : texts) {
    std::set<std::string> seen;
    for (const std::string& p : path_like_tokens(t)) {
      if (p.empty() || p[0] != '/') continue;
      size_t cut = 0;
      for (int c = 0; c < 3 && cut != std::string::npos; ++c) cut = p.find('/', cut + 1);
      if (cut == std::string::npos) continue;
      absolute.push_back(p);
      if (seen.insert(p.substr(0, cut)).second) ++roots[p.substr(0, cut)];
    }
  }
  std::string best;
  size_t best_count = 0;
  for (const auto& [root, count] : roots)
    if (count > best_count) best = root, best_count = count;
  if (best.empty() || best_count * 4 < texts.size()) return {};
  std::string prefix;
  for (const std::string& p : absolute) {
    if (p.rfind(best, 0) != 0) continue;
    const std::string dir = p.substr(0, p.rfind('/') + 1);
    if (prefix.empty()) {
      prefix = dir;
    } else {
      size_t k = 0;
      while (k < prefix.size() && k < dir.size() && prefix[k] == dir[k]) ++k;
      prefix = prefix.substr(0, prefix.rfind('/', k == 0 ? 0 : k - 1) + 1);
    }
  }
  return prefix.size() > 1 ? prefix : std::string();
}

// "rotated" and "rotation" are the same subject: a 5-letter stem joins them.
void add_stems(std::vector<std::string>& tokens) {
  const size_t n = tokens.size();
  for (size_t i = 0; i < n; ++i) {
    if (tokens[i].size() >= 6 && tokens[i].rfind("file:", 0) != 0) tokens.push_back("~" + tokens[i].substr(0, 5));
  }
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
}

class DriftDetector {
 public:
  DriftDetector(SessionView& view, std::vector<Finding>& findings) : v_(view), out_(findings) {}

  void run() {
    if (v_.root == kNoSpan) return;
    const std::string goal = v_.attr_string(v_.root, "goal");
    if (goal.empty()) return;
    const std::vector<uint32_t>* root_steps = v_.steps_of(v_.root);
    if (!root_steps) return;
    std::vector<uint32_t> steps;
    for (uint32_t s : *root_steps) {
      if (v_.refused(s) || v_.waits(s)) continue;
      // A call repeated back to back is one step of work however often a loop repeated it (compared by the
      // reader's argument hash only: drift reads no payload for this).
      if (!steps.empty() && v_.spans.name[steps.back()] == v_.spans.name[s]) {
        const int64_t hash = v_.facts(s).args_hash;
        if (hash != 0 && hash == v_.facts(steps.back()).args_hash) continue;
      }
      steps.push_back(s);
    }
    if (steps.size() < 8) return;
    // A long session is judged on evenly spaced samples (bounded payload reads); the drift point found between
    // two samples is then refined over the steps between them.
    const std::vector<uint32_t> all_steps = steps;
    std::vector<size_t> position;  // sample -> index in all_steps
    const uint32_t max_steps = v_.options.drift_max_steps;
    if (steps.size() > max_steps) {
      std::vector<uint32_t> sampled;
      for (uint32_t k = 0; k < max_steps; ++k) {
        position.push_back(size_t(k) * steps.size() / max_steps);
        sampled.push_back(steps[position.back()]);
      }
      steps = std::move(sampled);
    }
    const size_t n = steps.size();
    v_.prefetch(steps);
    std::vector<std::vector<uint32_t>> tokens(n);
    std::vector<std::vector<std::string>> paths(n);
    std::vector<std::string> values(n);
    for (size_t k = 0; k < n; ++k) values[k] = step_values(steps[k]);
    // The working directory ("/home/dev/storefront-web/") is in every path and says nothing about the goal.
    workdir_ = common_workdir(values);
    for (size_t k = 0; k < n; ++k) {
      features(values[k], tokens[k], paths[k]);
      for (uint32_t t : tokens[k]) ++df_[t];
    }
    std::vector<std::string> goal_words = relevance_tokens(strip(goal));
    for (const std::string& p : path_like_tokens(strip(goal))) {
      const size_t slash = p.rfind('/');
      goal_words.push_back("file:" + p.substr(slash == std::string::npos ? 0 : slash + 1));
    }
    add_stems(goal_words);
    for (const std::string& w : goal_words) {
      const uint32_t t = intern(token_hash(w), w.rfind("file:", 0) == 0);
      reference_[t] = named_by_goal_[t] = 1;
    }
    n_ = n;
    std::vector<int> on(n, -1);  // 1 on task, 0 off task, -1 no evidence
    // Early on-task steps extend the goal with the files and names they touched. Repeated so a step linked to
    // the goal only through another early step is found too.
    const size_t early = std::min<size_t>(8, n / 3);
    for (int pass = 0; pass < 3; ++pass) {
      for (size_t k = 0; k < early; ++k) {
        on[k] = score(tokens[k]);
        if (on[k] == 1)
          for (uint32_t t : tokens[k])
            if (!common(t)) reference_[t] = 1;
      }
    }
    for (size_t k = early; k < n; ++k) on[k] = score(tokens[k]);
    // The drift point: relevance falls and stays low for the rest of the run.
    std::vector<size_t> suffix_on(n + 1, 0), suffix_counted(n + 1, 0);
    for (size_t k = n; k-- > 0;) {
      suffix_on[k] = suffix_on[k + 1] + (on[k] == 1);
      suffix_counted[k] = suffix_counted[k + 1] + (on[k] >= 0);
    }
    size_t prefix_on = 0, prefix_counted = 0;
    for (size_t j = 0; j < n; ++j) {
      if (on[j] == 0 && prefix_counted >= 3 && prefix_on * 2 >= prefix_counted) {
        const size_t rest = suffix_counted[j];
        if (rest >= std::max<size_t>(6, n / 5) && suffix_on[j] * 100 <= rest * 15) {
          uint32_t first = steps[j];
          if (!position.empty() && j > 0) {
            // The steps between the last sample before and this one: the drift began at the earliest of them
            // after which no step is on task.
            std::vector<uint32_t> step_tokens;
            std::vector<std::string> step_paths;
            for (size_t q = position[j]; q-- > position[j - 1] + 1;) {
              features(step_values(all_steps[q]), step_tokens, step_paths);
              const int verdict = score(step_tokens);
              if (verdict == 1) break;
              if (verdict == 0) first = all_steps[q];
            }
          }
          report(goal, steps, paths, on, j, first, !position.empty());
          return;
        }
      }
      prefix_on += on[j] == 1;
      prefix_counted += on[j] >= 0;
    }
  }

 private:
  // The values of a call's arguments, the first drift_argument_bytes of them: file names, commands and patterns
  // come first; long file contents would only cost time.
  std::string step_values(uint32_t span) {
    std::string_view args = call_arguments_text(v_.payload(span));
    if (args.size() > v_.options.drift_argument_bytes) args = args.substr(0, v_.options.drift_argument_bytes);
    return json_values_only(args);
  }

  std::string strip(std::string text) const {
    if (workdir_.size() < 2) return text;
    for (size_t at = text.find(workdir_); at != std::string::npos; at = text.find(workdir_, at))
      text.replace(at, workdir_.size(), " ");
    return text;
  }

  // A token's identity: 64-bit FNV-1a of its text ("word", "file:name.ext", "~stem"), so a step's tokens need
  // no string each.
  static uint64_t token_hash(std::string_view prefix, std::string_view text = {}) {
    uint64_t h = 14695981039346656037ull;
    for (const char c : prefix) h = (h ^ uint8_t(c)) * 1099511628211ull;
    for (const char c : text) h = (h ^ uint8_t(c)) * 1099511628211ull;
    return h;
  }

  // Tokens are interned per session: scoring a step is then array lookups, not string compares.
  uint32_t intern(uint64_t hash, bool is_file) {
    auto [it, inserted] = token_ids_.try_emplace(hash, uint32_t(token_ids_.size()));
    if (inserted) {
      is_file_.push_back(is_file);
      df_.push_back(0);
      reference_.push_back(0);
      named_by_goal_.push_back(0);
    }
    return it->second;
  }

  void features(const std::string& value, std::vector<uint32_t>& step_tokens, std::vector<std::string>& step_paths) {
    const std::string text = strip(value);
    step_tokens.clear();
    for_each_relevance_token(text, [&](std::string_view token) {
      step_tokens.push_back(intern(token_hash(token), false));
      // "rotated" and "rotation" are one subject: the 5-letter stem, as add_stems() makes it.
      if (token.size() >= 6) step_tokens.push_back(intern(token_hash("~", token.substr(0, 5)), false));
    });
    step_paths = path_like_tokens(text);
    // A file touched again is the same work whatever directory it is named from.
    for (const std::string& p : step_paths) {
      const std::string_view base =
          std::string_view(p).substr(p.rfind('/') == std::string::npos ? 0 : p.rfind('/') + 1);
      if (base.size() > 1 && base.find('.') != std::string_view::npos)
        step_tokens.push_back(intern(token_hash("file:", base), true));
    }
    std::sort(step_tokens.begin(), step_tokens.end());
    step_tokens.erase(std::unique(step_tokens.begin(), step_tokens.end()), step_tokens.end());
  }

  // Tokens in most steps (the project's own directory names) say nothing about the goal, unless the goal names
  // them itself: a run that touches "rotation" at every step of a goal about rotated files is on task.
  bool common(uint32_t t) const { return !is_file_[t] && size_t(df_[t]) * 10 > n_ * 7 && !named_by_goal_[t]; }

  // 1 on task (shares a token with the goal or the early work), 0 off task, -1 no evidence.
  int score(const std::vector<uint32_t>& step_tokens) const {
    size_t shared = 0, counted = 0;
    for (uint32_t t : step_tokens) {
      if (common(t)) continue;
      ++counted;
      shared += reference_[t];
    }
    return counted == 0 ? -1 : shared > 0 ? 1 : 0;
  }

  void report(const std::string& goal, const std::vector<uint32_t>& steps,
              const std::vector<std::vector<std::string>>& paths, const std::vector<int>& on, size_t j,
              uint32_t first_span, bool sampled) {
    Finding f;
    f.kind = FindingKind::drift;
    f.severity = Severity::warning;
    f.first_span = first_span;
    f.last_span = steps.back();
    size_t off = 0;
    if (first_span != steps[j]) f.spans.push_back(first_span);  // refined between two samples
    for (size_t k = j; k < steps.size(); ++k) {
      if (on[k] == 0) {
        f.spans.push_back(steps[k]);
        ++off;
      }
    }
    f.count = static_cast<uint32_t>(off);
    auto files = [&](size_t from, size_t to, int want) {
      std::vector<std::string> out;
      for (size_t k = from; k < to && out.size() < 5; ++k) {
        if (on[k] != want) continue;
        for (const std::string& p : paths[k])
          if (out.size() < 5 && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
      }
      std::string joined;
      for (const std::string& p : out) joined += (joined.empty() ? "" : ", ") + p;
      return joined.empty() ? std::string("(none named)") : joined;
    };
    words::phrase_drift(f, goal, off, steps.size() - j, sampled, files(0, j, 1), files(j, steps.size(), 0));
    add_finding(out_, std::move(f));
  }

  SessionView& v_;
  std::vector<Finding>& out_;
  std::string workdir_;
  size_t n_ = 0;
  std::unordered_map<uint64_t, uint32_t> token_ids_;
  std::vector<uint8_t> is_file_;        // per token id: a "file:" token (never common)
  std::vector<uint32_t> df_;            // per token id: in how many sampled steps
  std::vector<uint8_t> reference_;      // per token id: the goal's, or an early on-task step's
  std::vector<uint8_t> named_by_goal_;  // per token id: the goal names it
};

}  // namespace

void detect_drift(SessionView& view, std::vector<Finding>& findings) { DriftDetector(view, findings).run(); }

}  // namespace agentreel::diagnosis
