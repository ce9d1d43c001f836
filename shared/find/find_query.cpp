// The find language (see find_query.h): a tokenizer, a recursive-descent parser (OR < AND < NOT < primary)
// and the matcher.
#include "find/find_query.h"

#include <cctype>
#include <cstdlib>

#include "find/find_scan.h"
#include "model/span.h"

namespace agentreel {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Case-insensitive (ASCII) substring test; `needle` is already lower case. find_folded jumps between candidate
// first bytes with memchr: a word is tested against every span's name and attributes.
bool contains(std::string_view hay, std::string_view needle) {
  return find_folded(hay, needle) != std::string_view::npos;
}

struct Token {
  enum class Kind : uint8_t { word, phrase, open, close, bar, end } kind = Kind::end;
  std::string text;      // word: as written (a key:"quoted value" keeps its value unquoted); phrase: unquoted
  size_t column = 0;     // 1-based
  bool negated = false;  // a leading '!' or a single '-' before a word, phrase or '('
};

Status error_at(size_t column, const std::string& what) {
  return {ErrorCode::invalid_argument, "find: column " + std::to_string(column) + ": " + what};
}

// Reads a quoted string starting at text[i] == '"'; appends its body to out and returns the index after the
// closing quote, or npos when it is not closed.
size_t read_quoted(std::string_view text, size_t i, std::string& out) {
  for (size_t k = i + 1; k < text.size(); ++k) {
    if (text[k] == '\\' && k + 1 < text.size() && (text[k + 1] == '"' || text[k + 1] == '\\')) {
      out += text[++k];
    } else if (text[k] == '"') {
      return k + 1;
    } else {
      out += text[k];
    }
  }
  return std::string_view::npos;
}

Result<std::vector<Token>> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    Token token;
    token.column = i + 1;
    // Negation: '!' always; '-' when one dash stands before a word, a phrase or '(' ("--force" is a word).
    if ((c == '!' || (c == '-' && i + 1 < text.size() && text[i + 1] != '-' &&
                      !std::isspace(static_cast<unsigned char>(text[i + 1])))) &&
        i + 1 < text.size()) {
      token.negated = true;
      ++i;
    }
    const char d = text[i];
    if (d == '(' || d == ')' || d == '|') {
      if (token.negated && d != '(') return error_at(token.column, "expected a term or '(' after the negation");
      token.kind = d == '(' ? Token::Kind::open : d == ')' ? Token::Kind::close : Token::Kind::bar;
      ++i;
      tokens.push_back(std::move(token));
      continue;
    }
    if (d == '"') {
      token.kind = Token::Kind::phrase;
      const size_t after = read_quoted(text, i, token.text);
      if (after == std::string_view::npos) return error_at(i + 1, "expected a closing '\"' for this phrase");
      i = after;
      tokens.push_back(std::move(token));
      continue;
    }
    token.kind = Token::Kind::word;
    while (i < text.size()) {
      const char e = text[i];
      if (std::isspace(static_cast<unsigned char>(e)) || e == '(' || e == ')') break;
      if (e == '"' && !token.text.empty() && (token.text.back() == ':' || token.text.back() == '=')) {
        std::string value;
        const size_t after = read_quoted(text, i, value);
        if (after == std::string_view::npos) return error_at(i + 1, "expected a closing '\"' for this value");
        token.text += value;
        i = after;
        continue;
      }
      token.text += e;
      ++i;
    }
    if (token.text.empty()) return error_at(token.column, "expected a term after the negation");
    tokens.push_back(std::move(token));
  }
  tokens.push_back(Token{Token::Kind::end, {}, text.size() + 1, false});
  return tokens;
}

class Parser {
 public:
  Parser(std::vector<Token> tokens, std::vector<FindQuery::Needle>& needles, const FindPolicyNames* policies)
      : tokens_(std::move(tokens)), needles_(needles), policies_(policies) {}
  bool needs_verdicts = false;

  Result<FindNode> parse_query() {
    auto node = parse_or();
    if (!node.is_ok()) return node;
    if (peek().kind == Token::Kind::close) return error_at(peek().column, "expected '(' before this ')'");
    if (peek().kind != Token::Kind::end) return error_at(peek().column, "expected the end of the query");
    return node;
  }

 private:
  const Token& peek() const { return tokens_[at_]; }
  bool is_or(const Token& t) const {
    return t.kind == Token::Kind::bar || (t.kind == Token::Kind::word && !t.negated && t.text == "OR");
  }

  Result<FindNode> parse_or() {
    auto first = parse_and();
    if (!first.is_ok()) return first;
    FindNode any;
    any.op = FindNode::Op::any;
    any.children.push_back(first.take());
    while (is_or(peek())) {
      const size_t column = peek().column;
      ++at_;
      if (peek().kind == Token::Kind::end || peek().kind == Token::Kind::close || is_or(peek())) {
        return error_at(column, "expected a term after OR");
      }
      auto next = parse_and();
      if (!next.is_ok()) return next;
      any.children.push_back(next.take());
    }
    if (any.children.size() == 1) return std::move(any.children[0]);
    return any;
  }

  Result<FindNode> parse_and() {
    FindNode all;
    all.op = FindNode::Op::all;
    while (true) {
      const Token& t = peek();
      if (t.kind == Token::Kind::end || t.kind == Token::Kind::close || is_or(t)) break;
      if (t.kind == Token::Kind::word && !t.negated && t.text == "AND") {
        ++at_;
        continue;
      }
      auto node = parse_unary();
      if (!node.is_ok()) return node;
      all.children.push_back(node.take());
    }
    if (all.children.empty()) {
      return error_at(peek().column,
                      peek().kind == Token::Kind::close ? "expected a term inside '( )'" : "expected a term");
    }
    if (all.children.size() == 1) return std::move(all.children[0]);
    return all;
  }

  Result<FindNode> parse_unary() {
    bool negated = false;
    while (peek().kind == Token::Kind::word && !peek().negated && peek().text == "NOT") {
      const size_t column = peek().column;
      ++at_;
      if (peek().kind == Token::Kind::end || is_or(peek())) return error_at(column, "expected a term after NOT");
      negated = !negated;
    }
    if (peek().negated) negated = !negated;
    Result<FindNode> node = parse_primary(peek());
    if (!node.is_ok() || !negated) return node;
    FindNode negate;
    negate.op = FindNode::Op::negate;
    negate.children.push_back(node.take());
    return negate;
  }

  Result<FindNode> parse_primary(const Token& t) {
    if (t.kind == Token::Kind::open) {
      const size_t column = t.column;
      ++at_;
      auto inner = parse_or();
      if (!inner.is_ok()) return inner;
      if (peek().kind != Token::Kind::close) return error_at(column, "expected a ')' to close this '('");
      ++at_;
      return inner;
    }
    if (t.kind == Token::Kind::phrase) {
      ++at_;
      return text_term(FindTerm::Type::word, lower(t.text), FindQuery::Scope::records);
    }
    if (t.kind != Token::Kind::word) return error_at(t.column, "expected a term");
    ++at_;
    return parse_term(t);
  }

  Result<FindNode> text_term(FindTerm::Type type, std::string needle, FindQuery::Scope scope) {
    FindNode node;
    node.term.type = type;
    node.term.needle = needle;
    const FindQuery::Needle wanted{needle, scope};
    for (size_t i = 0; i < needles_.size(); ++i) {
      if (needles_[i] == wanted) node.term.needle_index = int32_t(i);
    }
    if (node.term.needle_index < 0) {
      node.term.needle_index = int32_t(needles_.size());
      needles_.push_back(wanted);
    }
    return node;
  }

  Result<FindNode> parse_term(const Token& t) {
    const std::string low = lower(t.text);
    FindNode node;
    FindTerm& term = node.term;
    if (low.size() > 3 && low.starts_with("dur") && (low[3] == '>' || low[3] == '<' || low[3] == '=')) {
      size_t p = 3;
      char op = low[p++];
      if (p < low.size() && low[p] == '=' && op != '=') {
        op = op == '>' ? 'G' : 'L';
        ++p;
      }
      term.type = FindTerm::Type::duration;
      term.op = op;
      if (!parse_duration(std::string_view(low).substr(p), term.ns)) {
        return error_at(t.column, "dur wants a duration like 5s, 200ms or 1.5m, got \"" + low.substr(p) + "\"");
      }
      return node;
    }
    const size_t colon = low.find(':');
    if (colon == std::string::npos || colon == 0)
      return text_term(FindTerm::Type::word, low, FindQuery::Scope::records);
    const std::string key = low.substr(0, colon);
    const std::string value = low.substr(colon + 1);
    auto need_value = [&]() -> Status {
      if (value.empty()) return error_at(t.column, "expected a value after \"" + key + ":\"");
      return Status::ok();
    };
    if (key == "text") {
      AGENTREEL_TRY(need_value());
      return text_term(FindTerm::Type::text, value, FindQuery::Scope::records);
    }
    if (key == "file" || key == "path") {
      AGENTREEL_TRY(need_value());
      return text_term(FindTerm::Type::file, value, FindQuery::Scope::path);
    }
    if (key == "cmd" || key == "command") {
      AGENTREEL_TRY(need_value());
      return text_term(FindTerm::Type::command, value, FindQuery::Scope::command);
    }
    if (key == "tool" || key == "name" || key == "action") {
      AGENTREEL_TRY(need_value());
      term.type = key == "tool" ? FindTerm::Type::tool : key == "name" ? FindTerm::Type::name : FindTerm::Type::action;
      term.needle = value;
      return node;
    }
    if (key == "kind") {
      for (int k = 0; k < kSpanKindCount; ++k) {
        if (span_kind_name(SpanKind(k)) == value) {
          term.type = FindTerm::Type::kind;
          term.enum_value = uint8_t(k);
          return node;
        }
      }
      return error_at(t.column,
                      "unknown kind \"" + value + "\" (agent, model, tool, hook, error, human, pause, event)");
    }
    if (key == "status") {
      for (int k = 0; k < kSpanStatusCount; ++k) {
        if (span_status_name(SpanStatus(k)) == value) {
          term.type = FindTerm::Type::status;
          term.enum_value = uint8_t(k);
          return node;
        }
      }
      return error_at(t.column, "unknown status \"" + value + "\" (ok, error, denied, unfinished, cancelled)");
    }
    if (key == "attr") {
      AGENTREEL_TRY(need_value());
      term.type = FindTerm::Type::attribute;
      const size_t equals = value.find('=');
      term.needle = value.substr(0, equals);
      if (equals != std::string::npos) term.value = value.substr(equals + 1);
      if (term.needle.empty()) return error_at(t.column, "expected an attribute key after \"attr:\"");
      return node;
    }
    if (key == "policy" || key == "would") {
      AGENTREEL_TRY(need_value());
      if (!policies_) {
        return error_at(t.column, "\"" + key +
                                      ":\" needs the policy replay, which only the viewer runs here (the CLI: " +
                                      "agentreel audit --what-if)");
      }
      needs_verdicts = true;
      if (key == "would") {
        if (value != "deny" && value != "instruct") {
          return error_at(t.column, "unknown decision \"" + value + "\" (would:deny, would:instruct)");
        }
        term.type = FindTerm::Type::would;
        term.enum_value = value == "deny" ? 0 : 1;
        return node;
      }
      std::string_view name = value;
      if (name.starts_with("failproofai/")) name.remove_prefix(12);
      term.type = FindTerm::Type::policy;
      term.needle = std::string(name);
      for (size_t i = 0; i < policies_->names.size() && i < 64; ++i) {
        if (!name.empty() && lower(policies_->names[i]).starts_with(name)) term.policies |= uint64_t(1) << i;
      }
      if (!term.policies) {
        std::string known;
        for (size_t i = 0; i < policies_->names.size() && i < 64; ++i) known += (i ? ", " : "") + policies_->names[i];
        return error_at(t.column, "no policy is named \"" + std::string(name) + "\" or starts so (" + known + ")");
      }
      return node;
    }
    // Any other "a:b" (a URL, "file.py:12") is text.
    return text_term(FindTerm::Type::word, low, FindQuery::Scope::records);
  }

  std::vector<Token> tokens_;
  size_t at_ = 0;
  std::vector<FindQuery::Needle>& needles_;
  const FindPolicyNames* policies_ = nullptr;
};

void describe_node(const FindNode& node, std::string& out, bool nested) {
  switch (node.op) {
    case FindNode::Op::term: {
      const FindTerm& t = node.term;
      switch (t.type) {
        case FindTerm::Type::word:
          out += t.needle.find(' ') == std::string::npos ? t.needle : '"' + t.needle + '"';
          break;
        case FindTerm::Type::text: out += "text:\"" + t.needle + '"'; break;
        case FindTerm::Type::name: out += "name:" + t.needle; break;
        case FindTerm::Type::tool: out += "tool:" + t.needle; break;
        case FindTerm::Type::action: out += "action:" + t.needle; break;
        case FindTerm::Type::file: out += "file:" + t.needle; break;
        case FindTerm::Type::command: out += "cmd:" + t.needle; break;
        case FindTerm::Type::kind: out += "kind:" + std::string(span_kind_name(SpanKind(t.enum_value))); break;
        case FindTerm::Type::status: out += "status:" + std::string(span_status_name(SpanStatus(t.enum_value))); break;
        case FindTerm::Type::attribute: out += "attr:" + t.needle + (t.value.empty() ? "" : "=" + t.value); break;
        case FindTerm::Type::policy: out += "policy:" + t.needle; break;
        case FindTerm::Type::would: out += t.enum_value == 0 ? "would:deny" : "would:instruct"; break;
        case FindTerm::Type::duration: {
          const char* op = t.op == 'G' ? ">=" : t.op == 'L' ? "<=" : t.op == '>' ? ">" : t.op == '<' ? "<" : "=";
          out += "dur" + std::string(op) + std::to_string(t.ns) + "ns";
          break;
        }
      }
      break;
    }
    case FindNode::Op::negate:
      out += '-';
      describe_node(node.children[0], out, true);
      break;
    case FindNode::Op::all:
    case FindNode::Op::any: {
      if (nested) out += '(';
      for (size_t i = 0; i < node.children.size(); ++i) {
        if (i) out += node.op == FindNode::Op::any ? " OR " : " ";
        describe_node(node.children[i], out, true);
      }
      if (nested) out += ')';
      break;
    }
  }
}

bool attribute_text_contains(const Trace& trace, uint32_t span, std::string_view needle) {
  bool hit = false;
  trace.attributes.for_each_of(span, [&](const Attribute& a) {
    hit = hit || contains(trace.strings.get(a.key), needle) ||
          (a.type == AttrType::string && contains(trace.strings.get(StringId(a.value)), needle));
  });
  return hit;
}

bool term_matches(const FindTerm& term, const Trace& trace, uint32_t span, const SpanTextHits* hits,
                  const SpanVerdicts* verdicts) {
  auto hit = [&]() {
    return hits && term.needle_index >= 0 && size_t(term.needle_index) < hits->found.size() &&
           hits->found[size_t(term.needle_index)];
  };
  switch (term.type) {
    case FindTerm::Type::word:
      return hit() || contains(trace.name_of(span), term.needle) || attribute_text_contains(trace, span, term.needle);
    case FindTerm::Type::text:
    case FindTerm::Type::file:
    case FindTerm::Type::command: return hit();
    case FindTerm::Type::name: return contains(trace.name_of(span), term.needle);
    case FindTerm::Type::tool:
      return trace.spans.kind[span] == SpanKind::tool && contains(trace.name_of(span), term.needle);
    case FindTerm::Type::action: {
      bool match = false;
      trace.attributes.for_each_of(span, [&](const Attribute& a) {
        match = match || (a.type == AttrType::string && trace.strings.get(a.key) == "action" &&
                          lower(trace.strings.get(StringId(a.value))) == term.needle);
      });
      return match;
    }
    case FindTerm::Type::kind: return uint8_t(trace.spans.kind[span]) == term.enum_value;
    case FindTerm::Type::status: return uint8_t(trace.spans.status[span]) == term.enum_value;
    case FindTerm::Type::attribute: {
      bool match = false;
      trace.attributes.for_each_of(span, [&](const Attribute& a) {
        if (match || lower(trace.strings.get(a.key)) != term.needle) return;
        if (term.value.empty()) {
          match = true;
        } else if (a.type == AttrType::string) {
          match = lower(trace.strings.get(StringId(a.value))) == term.value;
        } else if (a.type == AttrType::integer) {
          match = std::to_string(a.value) == term.value;
        }
      });
      return match;
    }
    case FindTerm::Type::policy: return verdicts && ((verdicts->deny | verdicts->instruct) & term.policies) != 0;
    case FindTerm::Type::would:
      return verdicts && (term.enum_value == 0 ? verdicts->deny != 0 : verdicts->instruct != 0);
    case FindTerm::Type::duration: {
      const int64_t d = trace.spans.duration_ns[span];
      return term.op == '>'   ? d > term.ns
             : term.op == '<' ? d < term.ns
             : term.op == 'G' ? d >= term.ns
             : term.op == 'L' ? d <= term.ns
                              : d == term.ns;
    }
  }
  return false;
}

bool node_matches(const FindNode& node, const Trace& trace, uint32_t span, const SpanTextHits* hits,
                  const SpanVerdicts* verdicts) {
  switch (node.op) {
    case FindNode::Op::term: return term_matches(node.term, trace, span, hits, verdicts);
    case FindNode::Op::negate: return !node_matches(node.children[0], trace, span, hits, verdicts);
    case FindNode::Op::all:
      for (const FindNode& child : node.children) {
        if (!node_matches(child, trace, span, hits, verdicts)) return false;
      }
      return true;
    case FindNode::Op::any:
      for (const FindNode& child : node.children) {
        if (node_matches(child, trace, span, hits, verdicts)) return true;
      }
      return false;
  }
  return false;
}

}  // namespace

bool parse_duration(std::string_view text, int64_t& ns) {
  if (text.empty()) return false;
  std::string s(text);
  char* end = nullptr;
  const double value = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || !(value >= 0) || value > 1e12) return false;
  const std::string unit = lower(end);
  double scale = 0;
  if (unit.empty() || unit == "s")
    scale = 1e9;
  else if (unit == "ms")
    scale = 1e6;
  else if (unit == "us" || unit == "\xC2\xB5s")
    scale = 1e3;
  else if (unit == "ns")
    scale = 1;
  else if (unit == "m" || unit == "min")
    scale = 60e9;
  else if (unit == "h")
    scale = 3600e9;
  else
    return false;
  ns = static_cast<int64_t>(value * scale);
  return true;
}

Result<FindQuery> FindQuery::parse(std::string_view text, const FindPolicyNames* policies) {
  FindQuery query;
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return query;
  auto tokens = tokenize(text);
  if (!tokens.is_ok()) return tokens.status();
  Parser parser(tokens.take(), query.needles_, policies);
  auto root = parser.parse_query();
  if (!root.is_ok()) return root.status();
  query.needs_verdicts_ = parser.needs_verdicts;
  query.root_ = std::make_shared<const FindNode>(root.take());
  return query;
}

std::string FindQuery::describe() const {
  std::string out;
  if (root_) describe_node(*root_, out, false);
  return out;
}

bool find_matches(const FindQuery& query, const Trace& trace, uint32_t span, const SpanTextHits* hits,
                  const SpanVerdicts* verdicts) {
  return query.root() && node_matches(*query.root(), trace, span, hits, verdicts);
}

}  // namespace agentreel
