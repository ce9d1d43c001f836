// JSON re-indentation (see json_pretty.h): a single pass over the bytes that copies strings verbatim
// (escapes included) and inserts newlines and indentation around structural characters.
#include "app/details/json_pretty.h"

#include <vector>

namespace agentreel::viewer {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

bool pretty_print_json(std::string_view json, std::string& out, PrettyOptions options) {
  out.clear();
  size_t pos = 0;
  while (pos < json.size() && is_space(json[pos])) ++pos;
  if (pos == json.size() || (json[pos] != '{' && json[pos] != '[')) return false;
  out.reserve(json.size() + json.size() / 4);
  std::vector<char> stack;  // open brackets
  auto newline = [&] {
    out += '\n';
    out.append(stack.size() * 2, ' ');
  };
  for (; pos < json.size(); ++pos) {
    const char c = json[pos];
    if (is_space(c)) continue;
    switch (c) {
      case '"': {
        const size_t begin = pos++;
        size_t copied = begin;  // json[copied, pos) is still to be appended
        while (pos < json.size() && json[pos] != '"') {
          if (json[pos] != '\\') {
            ++pos;
            continue;
          }
          if (options.expand_newlines && pos + 1 < json.size() && (json[pos + 1] == 'n' || json[pos + 1] == 'r')) {
            out.append(json.substr(copied, pos - copied));
            if (json[pos + 1] == 'n') {
              out += '\n';
              out.append(stack.size() * 2 + 2, ' ');
            }  // a "\r" is dropped: "\r\n" is one break
            pos += 2;
            copied = pos;
            continue;
          }
          pos += 2;
        }
        if (pos >= json.size()) return out.clear(), false;  // unterminated string
        out.append(json.substr(copied, pos - copied + 1));
        break;
      }
      case '{':
      case '[': {
        // Empty containers stay on one line.
        size_t next = pos + 1;
        while (next < json.size() && is_space(json[next])) ++next;
        const char close = c == '{' ? '}' : ']';
        if (next < json.size() && json[next] == close) {
          out += c;
          out += close;
          pos = next;
          break;
        }
        out += c;
        stack.push_back(c);
        newline();
        break;
      }
      case '}':
      case ']':
        if (stack.empty() || stack.back() != (c == '}' ? '{' : '[')) return out.clear(), false;
        stack.pop_back();
        newline();
        out += c;
        if (stack.empty()) {
          // Anything after the top-level value (a trailing newline is normal) must be whitespace.
          for (size_t rest = pos + 1; rest < json.size(); ++rest) {
            if (!is_space(json[rest])) return out.clear(), false;
          }
          return true;
        }
        break;
      case ',':
        out += ',';
        newline();
        break;
      case ':': out += ": "; break;
      default:
        out += c;  // numbers, true, false, null
        break;
    }
  }
  out.clear();
  return false;  // brackets never closed
}

}  // namespace agentreel::viewer
