// Stable export ids (see export_ids.h).
#include "export/export_ids.h"

#include <unordered_set>

#include "core/hash.h"
#include "readers/json_line.h"
#include "readers/otlp/otlp_ids.h"

namespace agentreel {
namespace {

// splitmix64's finalizer: a bijection on 64-bit values, so distinct inputs give distinct ids.
uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

bool is_hex_id(std::string_view text, size_t digits) {
  if (text.size() != digits) return false;
  bool nonzero = false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    nonzero |= c != '0';
  }
  return nonzero;
}

uint64_t hash_of(std::string_view salt, std::string_view path, std::string_view id, uint64_t extra) {
  std::string text;
  text.reserve(salt.size() + path.size() + id.size() + 24);
  text.append(salt).append(1, '\0').append(path).append(1, '\0').append(id).append(1, '\0');
  text += std::to_string(extra);
  return xxh64(text.data(), text.size());
}

void append_hex(std::string& out, uint64_t value) {
  static const char kDigits[] = "0123456789abcdef";
  for (int shift = 60; shift >= 0; shift -= 4) out += kDigits[(value >> shift) & 15];
}

uint64_t parse_hex64(std::string_view hex) {
  uint64_t value = 0;
  for (char c : hex) value = (value << 4) | uint64_t(c <= '9' ? c - '0' : c - 'a' + 10);
  return value;
}

// The spanId of an OTLP span record, or 0 when it has none that reads as 8 non-zero bytes.
uint64_t otlp_span_id(JsonLineParser& parser, std::string_view record) {
  if (record.empty()) return 0;
  simdjson::dom::element root;
  simdjson::dom::object span;
  if (parser.parse(record, root) || root.get_object().get(span)) return 0;
  const std::string hex = normalize_otlp_id(string_field(span, "spanId"), 8);
  return hex.size() == 16 ? parse_hex64(hex) : 0;
}

}  // namespace

std::string span_id_hex(uint64_t id) {
  std::string out;
  out.reserve(16);
  append_hex(out, id);
  return out;
}

std::vector<std::string> export_trace_ids(const Trace& trace) {
  std::vector<std::string> ids;
  ids.reserve(trace.sessions.size());
  std::unordered_set<std::string> taken;
  for (const Session& session : trace.sessions) {
    const std::string_view own = trace.strings.get(session.id);
    const std::string_view path =
        session.input < trace.inputs.size() ? std::string_view(trace.inputs[session.input].path) : std::string_view();
    std::string id;
    if (is_hex_id(own, 32) && !taken.count(std::string(own))) id = own;
    for (uint64_t attempt = 0; id.empty() || !taken.insert(id).second; ++attempt) {
      id.clear();
      append_hex(id, hash_of("agentreel trace id high", path, own, attempt));
      append_hex(id, hash_of("agentreel trace id low", path, own, attempt));
      if (!is_hex_id(id, 32)) id.clear();
    }
    ids.push_back(std::move(id));
  }
  return ids;
}

std::vector<uint64_t> export_span_ids(const Trace& trace, uint32_t session_index, const std::string& trace_id,
                                      const RecordReader& read) {
  const Session& session = trace.sessions[session_index];
  std::vector<uint64_t> ids(session.span_count, 0);
  const bool from_otlp = session.input < trace.inputs.size() && trace.inputs[session.input].format == "otlp";
  const uint64_t salt = xxh64(trace_id.data(), trace_id.size()) << 32;
  if (!from_otlp) {
    for (uint32_t i = 0; i < session.span_count; ++i) ids[i] = mix64(salt | i);
    for (uint64_t& id : ids) {
      if (id == 0) id = mix64(salt | 0xFFFFFFFFull);  // the one input mix64 takes to 0 (salt 0, index 0)
    }
    return ids;
  }
  // Kept ids first, so a derived id can step around every one of them.
  JsonLineParser parser;
  std::unordered_set<uint64_t> taken;
  taken.reserve(session.span_count);
  trace.spans.begin_record.for_each(session.first_span, size_t(session.first_span) + session.span_count,
                                    [&](size_t span, RecordRef ref) {
                                      const uint64_t own = ref.length ? otlp_span_id(parser, read(ref)) : 0;
                                      if (own != 0 && taken.insert(own).second) ids[span - session.first_span] = own;
                                    });
  for (uint32_t i = 0; i < session.span_count; ++i) {
    if (ids[i] != 0) continue;
    uint64_t candidate = mix64(salt | i);
    for (uint64_t step = 1; candidate == 0 || taken.count(candidate); ++step) candidate = mix64(salt | i) + step;
    taken.insert(candidate);
    ids[i] = candidate;
  }
  return ids;
}

}  // namespace agentreel
