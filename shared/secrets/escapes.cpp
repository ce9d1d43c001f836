// Escape-aware text helpers (see escapes.h).
#include "secrets/escapes.h"

#include <cstdint>

#include "secrets/byte_classes.h"

namespace agentreel::secrets {

size_t backslashes_before(std::string_view text, size_t at) {
  size_t count = 0;
  while (at > count && text[at - count - 1] == '\\') ++count;
  return count;
}

size_t line_break_at(std::string_view text, size_t at) {
  if (at >= text.size()) return 0;
  if (text[at] == '\n' || text[at] == '\r') return 1;
  size_t run = 0;
  while (at + run < text.size() && text[at + run] == '\\') ++run;
  if (run == 0 || at + run >= text.size()) return 0;
  const char c = text[at + run];
  return c == 'n' || c == 'r' ? run + 1 : 0;
}

bool line_break_before(std::string_view text, size_t at) {
  if (at == 0) return false;
  const char c = text[at - 1];
  if (c == '\n' || c == '\r') return true;
  return (c == 'n' || c == 'r' || c == 't') && backslashes_before(text, at - 1) > 0;
}

bool token_boundary_before(std::string_view text, size_t at) {
  if (at == 0) return true;
  const uint8_t before = uint8_t(text[at - 1]);
  if (!in_class(before, kWord)) return true;
  // The letter of an escape sequence: "\n", "\t", "\r", "\b", "\f" (any level of backslashes).
  if (before == 'n' || before == 't' || before == 'r' || before == 'b' || before == 'f') {
    return backslashes_before(text, at - 1) > 0;
  }
  return false;
}

bool starts_logical_line(std::string_view text, size_t at) {
  size_t p = at;
  const auto skip_spaces = [&] {
    while (p > 0 && at - p < 32 && (text[p - 1] == ' ' || text[p - 1] == '\t')) --p;
  };
  skip_spaces();
  // "export NAME=..." in a shell profile or an .envrc.
  if (p < at && p >= 6 && text.substr(p - 6, 6) == "export") {
    p -= 6;
    skip_spaces();
  }
  // A line number in front: Claude Code's Read tool writes "    12→", cat -n writes "    12\t" (in JSON "\t").
  size_t q = p;
  bool numbered = false;
  if (q >= 3 && text.substr(q - 3, 3) == "\xE2\x86\x92") {
    q -= 3;
    numbered = true;
  } else if (q >= 2 && text[q - 1] == 't' && text[q - 2] == '\\') {
    q -= 2;
    while (q > 0 && text[q - 1] == '\\') --q;
    numbered = true;
  }
  if (numbered && q > 0 && in_class(uint8_t(text[q - 1]), kDigit)) {
    while (q > 0 && in_class(uint8_t(text[q - 1]), kDigit)) --q;
    p = q;
    skip_spaces();
  }
  if (p == 0) return true;
  if (line_break_before(text, p)) return true;
  return text[p - 1] == '"';  // the start of a JSON string ("PGPASSWORD=... psql" as a command)
}

int quote_depth_at(std::string_view text, size_t at) {
  if (at >= text.size() || text[at] != '"') return -1;
  return int(backslashes_before(text, at));
}

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(uint32_t code, std::string& out) {
  if (code < 0x80) {
    out += char(code);
  } else if (code < 0x800) {
    out += char(0xC0 | (code >> 6));
    out += char(0x80 | (code & 0x3F));
  } else {
    out += char(0xE0 | (code >> 12));
    out += char(0x80 | ((code >> 6) & 0x3F));
    out += char(0x80 | (code & 0x3F));
  }
}

}  // namespace

std::string unescape_value(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size();) {
    if (raw[i] != '\\') {
      out += raw[i++];
      continue;
    }
    size_t run = 0;
    while (i + run < raw.size() && raw[i + run] == '\\') ++run;
    const size_t next = i + run;
    if (next >= raw.size()) {
      out.append((run + 1) / 2, '\\');
      break;
    }
    const char c = raw[next];
    if (c == '"' || c == '/' || c == '\'') {
      out += c;
      i = next + 1;
    } else if (c == 'u' && run % 2 == 1 && next + 4 < raw.size() && hex_value(raw[next + 1]) >= 0 &&
               hex_value(raw[next + 2]) >= 0 && hex_value(raw[next + 3]) >= 0 && hex_value(raw[next + 4]) >= 0) {
      append_utf8(uint32_t(hex_value(raw[next + 1]) << 12 | hex_value(raw[next + 2]) << 8 |
                           hex_value(raw[next + 3]) << 4 | hex_value(raw[next + 4])),
                  out);
      i = next + 5;
    } else if ((c == 'n' || c == 'r' || c == 't') && run % 2 == 1) {
      out += c == 'n' ? '\n' : c == 'r' ? '\r' : '\t';
      i = next + 1;
    } else {
      out.append((run + 1) / 2, '\\');
      i = next;
    }
  }
  return out;
}

}  // namespace agentreel::secrets
