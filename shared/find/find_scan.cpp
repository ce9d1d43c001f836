// Finding spans by the text of their records (see find_scan.h).
#include "find/find_scan.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "core/json_string.h"
#include "find/find_index_search.h"
#include "model/record_text.h"

namespace agentreel {
namespace {

// A record of the session and the span it belongs to (a record shared by two spans appears twice).
struct SpanRecord {
  uint64_t offset;
  uint32_t length;
  uint32_t span;
};

// Code points of a UTF-8 needle, for its \u form; false when it is not valid UTF-8.
bool append_unicode_escaped(std::string_view text, std::string& out) {
  for (size_t i = 0; i < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      out += char(lead);
      ++i;
      continue;
    }
    const size_t length = (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    uint32_t code = lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
    for (size_t k = 1; k < length; ++k) code = code << 6 | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    char buffer[16];
    if (code >= 0x10000) {
      const uint32_t v = code - 0x10000;
      std::snprintf(buffer, sizeof buffer, "\\u%04x\\u%04x", 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
    } else {
      std::snprintf(buffer, sizeof buffer, "\\u%04x", code);
    }
    out += buffer;
    i += length;
  }
  return true;
}

}  // namespace

size_t find_folded(std::string_view hay, std::string_view needle, size_t from) {
  if (needle.empty()) return from <= hay.size() ? from : std::string_view::npos;
  if (hay.size() < needle.size()) return std::string_view::npos;
  const unsigned char first = static_cast<unsigned char>(needle[0]);
  const bool letter = first >= 'a' && first <= 'z';
  const char upper = char(letter ? first - 32 : first);
  const size_t last = hay.size() - needle.size();
  size_t i = from;
  while (i <= last) {
    // Jump to the next candidate first byte with memchr (both cases of a letter).
    const char* base = hay.data();
    const void* lower_hit = std::memchr(base + i, char(first), last - i + 1);
    const void* upper_hit = letter ? std::memchr(base + i, upper, last - i + 1) : nullptr;
    const char* hit = static_cast<const char*>(lower_hit);
    if (upper_hit && (!hit || static_cast<const char*>(upper_hit) < hit)) hit = static_cast<const char*>(upper_hit);
    if (!hit) return std::string_view::npos;
    i = size_t(hit - base);
    size_t k = 1;
    while (k < needle.size() &&
           std::tolower(static_cast<unsigned char>(hay[i + k])) == static_cast<unsigned char>(needle[k])) {
      ++k;
    }
    if (k == needle.size()) return i;
    ++i;
  }
  return std::string_view::npos;
}

std::vector<std::string> json_needle_forms(std::string_view needle) {
  std::vector<std::string> forms{std::string(needle)};
  // As a JSON string body: quotes, backslashes and control characters escaped.
  std::string escaped = json_string(needle);
  escaped = escaped.substr(1, escaped.size() - 2);
  for (char& c : escaped) c = char(std::tolower(static_cast<unsigned char>(c)));
  if (escaped != forms[0]) forms.push_back(escaped);
  std::string unicode;
  if (append_unicode_escaped(escaped, unicode) && unicode != escaped) forms.push_back(unicode);
  // A writer may also escape '/' ("\/").
  if (needle.find('/') != std::string_view::npos) {
    std::string slashed;
    for (const char c : escaped) slashed += c == '/' ? std::string("\\/") : std::string(1, c);
    forms.push_back(slashed);
  }
  return forms;
}

Result<std::vector<uint32_t>> find_in_session(const Trace& trace, uint32_t session, const FindQuery& query,
                                              const StreamReader& read, const FindOptions& options) {
  std::vector<uint32_t> matches;
  if (session >= trace.sessions.size() || query.empty()) return matches;
  const Session& s = trace.sessions[session];
  const uint32_t first = s.first_span;
  const uint32_t count = s.span_count;
  const auto& needles = query.text_needles();
  std::vector<SpanTextHits> hits;
  Status read_status;
  if (!needles.empty() && read) {
    hits.assign(count, SpanTextHits{std::vector<uint8_t>(needles.size(), 0)});
    // Record-scoped needles: every record of the session, in stream order, read in runs.
    std::vector<std::vector<std::string>> forms;
    bool any_records = false;
    for (const auto& needle : needles) {
      forms.push_back(needle.scope == FindQuery::Scope::records ? json_needle_forms(needle.text)
                                                                : std::vector<std::string>{});
      any_records |= needle.scope == FindQuery::Scope::records;
    }
    if (any_records) {
      // verify[ordinal * needles + n]: needle n must be looked for in the span's records. All of them without
      // an index; with one, only the candidates it could not decide.
      const size_t n_needles = needles.size();
      std::vector<uint8_t> verify;
      if (options.index && options.index->segment_count(session) > 0) {
        IndexAnswer answer;
        // An index that cannot answer (a needle without token bytes, a damaged segment): the session is scanned.
        if (search_find_index(trace, session, forms, *options.index, answer).is_ok()) {
          for (uint32_t o = 0; o < count; ++o) {
            for (size_t n = 0; n < n_needles; ++n) hits[o].found[n] = answer.found[o * n_needles + n];
          }
          verify = std::move(answer.verify);
        }
      }
      if (verify.empty()) {
        verify.assign(size_t(count) * n_needles, 0);
        for (uint32_t o = 0; o < count; ++o) {
          for (size_t n = 0; n < n_needles; ++n) verify[o * n_needles + n] = !forms[n].empty();
        }
      }
      const bool any_verify = std::find(verify.begin(), verify.end(), 1) != verify.end();
      const auto wanted = [&](uint32_t span) {
        const uint8_t* flags = verify.data() + size_t(span - first) * n_needles;
        return std::find(flags, flags + n_needles, 1) != flags + n_needles;
      };
      std::vector<SpanRecord> records;
      if (any_verify) records.reserve(size_t(count) * 2);
      if (any_verify)
        trace.spans.begin_record.for_each(first, first + count, [&](size_t i, RecordRef r) {
          if (r.length && wanted(uint32_t(i))) records.push_back({r.offset, r.length, uint32_t(i)});
        });
      if (any_verify)
        trace.spans.end_record.for_each(first, first + count, [&](size_t i, RecordRef r) {
          if (r.length && wanted(uint32_t(i))) records.push_back({r.offset, r.length, uint32_t(i)});
        });
      const auto begin_row = std::lower_bound(trace.texts.spans().begin(), trace.texts.spans().end(), first);
      for (size_t row = size_t(begin_row - trace.texts.spans().begin());
           any_verify && row < trace.texts.size() && trace.texts.spans()[row] < first + count; ++row) {
        const RecordRef r = trace.texts.records()[row];
        if (r.length && wanted(trace.texts.spans()[row]))
          records.push_back({r.offset, r.length, trace.texts.spans()[row]});
      }
      std::sort(records.begin(), records.end(), [](const SpanRecord& a, const SpanRecord& b) {
        return a.offset != b.offset ? a.offset < b.offset : a.span < b.span;
      });
      records.erase(std::unique(records.begin(), records.end(),
                                [](const SpanRecord& a, const SpanRecord& b) {
                                  return a.offset == b.offset && a.length == b.length && a.span == b.span;
                                }),
                    records.end());
      std::string run;
      for (size_t i = 0; i < records.size() && read_status.is_ok();) {
        // A run: records that start within max_run_bytes of the run's start.
        const uint64_t run_begin = records[i].offset;
        uint64_t run_end = records[i].offset + records[i].length;
        size_t j = i + 1;
        while (j < records.size() && records[j].offset < run_begin + options.max_run_bytes) {
          run_end = std::max(run_end, records[j].offset + records[j].length);
          ++j;
        }
        run.clear();
        read_status = read(run_begin, run_end - run_begin, run);
        if (!read_status.is_ok()) break;
        for (size_t k = i; k < j; ++k) {
          const std::string_view record =
              std::string_view(run).substr(size_t(records[k].offset - run_begin), records[k].length);
          std::vector<uint8_t>& found = hits[records[k].span - first].found;
          const uint8_t* look = verify.data() + size_t(records[k].span - first) * n_needles;
          for (size_t n = 0; n < n_needles; ++n) {
            if (found[n] || !look[n]) continue;
            for (const std::string& form : forms[n]) {
              if (find_folded(record, form) != std::string_view::npos) {
                found[n] = 1;
                break;
              }
            }
          }
        }
        i = j;
      }
    }
    // Fact-scoped needles: the resolved path or command of each span that has one.
    for (size_t n = 0; n < needles.size() && read_status.is_ok(); ++n) {
      if (needles[n].scope == FindQuery::Scope::records) continue;
      const TextRole role = needles[n].scope == FindQuery::Scope::path ? TextRole::path : TextRole::command;
      for (uint32_t span = first; span < first + count; ++span) {
        const std::optional<TextRef> fact = trace.texts.find(span, role);
        if (!fact) continue;
        std::string record;
        read_status = read(fact->record.offset, fact->record.length, record);
        if (!read_status.is_ok()) break;
        const std::optional<std::string> text = record_text_at(record, trace.strings.get(fact->path));
        if (text && find_folded(*text, needles[n].text) != std::string::npos) hits[span - first].found[n] = 1;
      }
    }
  }
  if (query.needs_verdicts() && !options.verdicts) {
    return Status{ErrorCode::invalid_argument, "find: policy: and would: need the policy replay of this session"};
  }
  for (uint32_t span = first; span < first + count; ++span) {
    SpanVerdicts verdicts;
    if (query.needs_verdicts()) verdicts = options.verdicts(span);
    if (find_matches(query, trace, span, hits.empty() ? nullptr : &hits[span - first],
                     query.needs_verdicts() ? &verdicts : nullptr)) {
      matches.push_back(span);
    }
  }
  if (!read_status.is_ok()) return read_status;
  return matches;
}

}  // namespace agentreel
