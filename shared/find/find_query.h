// The find language, one for the viewer's find box, `agentreel find` and the MCP tools. A query is terms joined
// by AND (juxtaposition), OR and negation, with parentheses:
//
//   no-verify                  a word: the span's name, its attributes, or its records' text (prompts,
//                              commands, outputs, edits), case-insensitive
//   "git push --force"         a phrase, the same places; text:"…" searches the records' text only
//   tool:Bash  name:read       a tool call named so / any span whose name contains it
//   kind:model  status:error   span kind and status, by the model's names (shared/model/span.h)
//   action:edit  file:tax.py   a call's canonical action / its file (docs/facts.md)
//   cmd:pytest                 a call's command
//   attr:exit_code=1           an attribute (key=value, or key alone: has it)
//   dur>5s  dur<=200ms         duration
//   -kind:hook  !x  NOT x      negation
//   a OR b   a | b   (a b)     either; parentheses group
//   policy:block-force-push    a call that policy would deny or instruct on (a prefix names every policy it
//                              starts; failproofai/ may lead); needs the names and a policy replay, which the
//                              caller supplies (the viewer's audit): find itself knows no policy
//   would:deny  would:instruct a call some policy would deny / instruct on (the same replay)
//
// A query that cannot be read is an error with its column and what was expected, never a silent empty
// result. Parsing is pure; matching needs the trace and, for text terms, the span's record bytes.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "model/trace.h"

namespace agentreel {

struct FindTerm {
  enum class Type : uint8_t {
    word,
    text,
    name,
    tool,
    kind,
    status,
    action,
    file,
    command,
    attribute,
    duration,
    policy,  // policies: the bit set of the names it means (FindPolicyNames)
    would,   // enum_value 0: deny, 1: instruct
  };
  Type type = Type::word;
  std::string needle;         // lower-case text to find (word, text, name, tool, action, file, command, attribute key)
  int32_t needle_index = -1;  // word, text, file, command: its index in FindQuery::text_needles()
  std::string value;          // attribute value (lower case), empty: the key alone
  uint8_t enum_value = 0;     // SpanKind / SpanStatus
  char op = '>';              // duration: '>', '<', 'G' (>=), 'L' (<=), '='
  int64_t ns = 0;             // duration threshold
  uint64_t policies = 0;      // policy: bit i set for FindPolicyNames::names[i]
};

// The policy names policy: terms may use, in the order of the bits of SpanVerdicts (at most 64). The viewer gives
// failproofai's 39 short names ("block-force-push").
struct FindPolicyNames {
  std::vector<std::string> names;
};

// What a policy replay says of one span: bit i set when policy names[i] would deny / instruct on it.
struct SpanVerdicts {
  uint64_t deny = 0;
  uint64_t instruct = 0;
};

// A node of the parsed query.
struct FindNode {
  enum class Op : uint8_t { term, all, any, negate } op = Op::term;
  FindTerm term;                   // op == term
  std::vector<FindNode> children;  // all / any: two or more; negate: one
};

class FindQuery {
 public:
  // Parses `text`; an empty or all-blank query parses to an empty query that matches nothing. policy: and would:
  // terms need `policies` (without it they are an error that says so); a policy: name that no policy starts
  // with is an error listing them.
  static Result<FindQuery> parse(std::string_view text, const FindPolicyNames* policies = nullptr);

  bool empty() const { return !root_; }
  // Where a needle is looked for: anywhere in the span's records, or in one of its facts (docs/facts.md).
  enum class Scope : uint8_t { records, path, command };
  struct Needle {
    std::string text;  // lower case
    Scope scope = Scope::records;
    bool operator==(const Needle&) const = default;
  };
  // The needles a caller must look for in each span before matching (words, phrases, file:, cmd:), each once.
  const std::vector<Needle>& text_needles() const { return needles_; }
  const FindNode* root() const { return root_.get(); }
  // The query has policy: or would: terms: matching needs each span's SpanVerdicts.
  bool needs_verdicts() const { return needs_verdicts_; }
  // The query as parsed, in canonical form ("(kind:tool OR kind:model) -status:ok").
  std::string describe() const;

 private:
  std::shared_ptr<const FindNode> root_;
  std::vector<Needle> needles_;
  bool needs_verdicts_ = false;
  std::vector<std::string> policy_names_;  // for describe()
};

// Which needles of FindQuery::text_needles() a span holds (found[i]), in the scope each names. Filled by the
// caller (find_scan.h scans a session's records for all needles at once).
struct SpanTextHits {
  std::vector<uint8_t> found;
};

// Whether `span` matches, given which needles its records hold (`hits` may be null: text terms then match
// the span's name and attributes only) and what the policy replay says of it (`verdicts` may be null: policy:
// and would: terms then match nothing).
bool find_matches(const FindQuery& query, const Trace& trace, uint32_t span, const SpanTextHits* hits,
                  const SpanVerdicts* verdicts = nullptr);

// Parses "5s", "200ms", "1.5m", "300us", "10ns", "2h" (a bare number is seconds); false if it is none of these.
bool parse_duration(std::string_view text, int64_t& ns);

}  // namespace agentreel
