// The find box's matcher (see span_filter.h). Attribute text is matched by walking the span's sorted
// attribute range; keys match too, so `input_tokens` finds spans that carry token counts.
#include "app/span_filter.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "model/span.h"

namespace agentreel::viewer {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Case-insensitive substring test; `needle` is already lower-case.
bool contains(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return true;
  if (hay.size() < needle.size()) return false;
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() &&
           std::tolower(static_cast<unsigned char>(hay[i + k])) == static_cast<unsigned char>(needle[k])) {
      ++k;
    }
    if (k == needle.size()) return true;
  }
  return false;
}

}  // namespace

bool parse_duration(std::string_view text, int64_t& ns) {
  if (text.empty()) return false;
  std::string s(text);
  char* end = nullptr;
  const double value = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || value < 0) return false;
  const std::string unit = lower(end);
  double scale = 0;
  if (unit.empty() || unit == "s") scale = 1e9;
  else if (unit == "ms") scale = 1e6;
  else if (unit == "us" || unit == "\xC2\xB5s") scale = 1e3;
  else if (unit == "ns") scale = 1;
  else if (unit == "m" || unit == "min") scale = 60e9;
  else if (unit == "h") scale = 3600e9;
  else return false;
  ns = static_cast<int64_t>(value * scale);
  return true;
}

SpanFilter SpanFilter::parse(std::string_view query) {
  SpanFilter filter;
  size_t i = 0;
  auto fail = [&](std::string_view word, const char* why) {
    if (filter.error.empty()) filter.error = std::string(word) + ": " + why;
  };
  while (i < query.size()) {
    while (i < query.size() && std::isspace(static_cast<unsigned char>(query[i]))) ++i;
    size_t j = i;
    while (j < query.size() && !std::isspace(static_cast<unsigned char>(query[j]))) ++j;
    if (j == i) break;
    const std::string_view word = query.substr(i, j - i);
    i = j;
    Term term;
    const std::string low = lower(word);
    const size_t colon = low.find(':');
    if (low.rfind("dur", 0) == 0 && low.size() > 3 && (low[3] == '>' || low[3] == '<' || low[3] == '=')) {
      size_t p = 3;
      char op = low[p++];
      if (p < low.size() && low[p] == '=' && op != '=') {
        op = op == '>' ? 'G' : 'L';
        ++p;
      }
      term.type = Term::Type::duration;
      term.op = op;
      if (!parse_duration(std::string_view(low).substr(p), term.ns)) {
        fail(word, "wants a duration like 5s, 200ms or 1.5m");
        continue;
      }
    } else if (colon != std::string::npos && colon > 0) {
      const std::string key = low.substr(0, colon);
      const std::string value = low.substr(colon + 1);
      if (key == "tool" || key == "name") {
        term.type = key == "tool" ? Term::Type::tool : Term::Type::name;
        term.text = value;
      } else if (key == "kind") {
        term.type = Term::Type::kind;
        bool found = false;
        for (int k = 0; k < kSpanKindCount && !found; ++k) {
          if (span_kind_name(static_cast<SpanKind>(k)) == value) {
            term.value = static_cast<uint8_t>(k);
            found = true;
          }
        }
        if (!found) {
          fail(word, "unknown kind (agent, model, tool, hook, error, human, pause, event)");
          continue;
        }
      } else if (key == "status") {
        term.type = Term::Type::status;
        bool found = false;
        for (int k = 0; k < kSpanStatusCount && !found; ++k) {
          if (span_status_name(static_cast<SpanStatus>(k)) == value) {
            term.value = static_cast<uint8_t>(k);
            found = true;
          }
        }
        if (!found) {
          fail(word, "unknown status (ok, error, denied, unfinished, cancelled)");
          continue;
        }
      } else {
        term.text = low;  // "file:foo" and the like: plain text
      }
    } else {
      term.text = low;
    }
    filter.terms.push_back(std::move(term));
  }
  return filter;
}

bool SpanFilter::matches(const Trace& trace, uint32_t span) const {
  for (const Term& term : terms) {
    switch (term.type) {
      case Term::Type::kind:
        if (static_cast<uint8_t>(trace.spans.kind[span]) != term.value) return false;
        break;
      case Term::Type::status:
        if (static_cast<uint8_t>(trace.spans.status[span]) != term.value) return false;
        break;
      case Term::Type::duration: {
        const int64_t d = trace.spans.duration_ns[span];
        const bool ok = term.op == '>' ? d > term.ns : term.op == '<' ? d < term.ns : term.op == 'G' ? d >= term.ns
                      : term.op == 'L' ? d <= term.ns : d == term.ns;
        if (!ok) return false;
        break;
      }
      case Term::Type::tool:
        if (trace.spans.kind[span] != SpanKind::tool || !contains(trace.name_of(span), term.text)) return false;
        break;
      case Term::Type::name:
        if (!contains(trace.name_of(span), term.text)) return false;
        break;
      case Term::Type::text: {
        bool hit = contains(trace.name_of(span), term.text);
        if (!hit) {
          trace.attributes.for_each_of(span, [&](const Attribute& a) {
            hit = hit || contains(trace.strings.get(a.key), term.text) ||
                  (a.type == AttrType::string && contains(trace.strings.get(static_cast<StringId>(a.value)), term.text));
          });
        }
        if (!hit) return false;
        break;
      }
    }
  }
  return true;
}

std::vector<uint32_t> find_matches(const Trace& trace, uint32_t session, const SpanFilter& filter) {
  std::vector<uint32_t> out;
  if (session >= trace.sessions.size() || filter.empty()) return out;
  const Session& s = trace.sessions[session];
  for (uint32_t span = s.first_span; span < s.first_span + s.span_count; ++span) {
    if (filter.matches(trace, span)) out.push_back(span);
  }
  return out;
}

}  // namespace agentreel::viewer
