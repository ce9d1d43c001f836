// Strict parsing of agentreel-gen's options: every number must parse completely and lie in range.
// Accepts "--name value" and "--name=value".
#include "agenteye_gen/generator_options.h"

#include <charconv>
#include <string_view>

namespace agentreel::gen {
namespace {

std::optional<uint64_t> parse_unsigned(std::string_view text) {
  uint64_t value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> parse_double(std::string_view text) {
  double value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string bad_value(std::string_view option, std::string_view expected, std::string_view got) {
  std::string message(option);
  message.append(" expects ");
  message.append(expected);
  message.append(", got '");
  message.append(got);
  message.append("'");
  return message;
}

}  // namespace

const char* generator_usage() {
  return "usage: agentreel-gen [options]\n"
         "Writes a synthetic AgentEye event log (JSONL) of coding-agent sessions.\n\n"
         "  -o FILE               write to FILE instead of stdout\n"
         "  --runs N              concurrent, interleaved runs (default 3)\n"
         "  --spans N             approximate total span count across all runs (default 200)\n"
         "  --seed S              random seed; the same seed gives the same log (default 1)\n"
         "  --payload-scale F     multiply payload sizes (file contents, test output) by F (default 1.0)\n"
         "  --session-spans N     split longer runs into sessions of at most about N spans (default 400)\n"
         "  --cut-off             stop the last session of run 0 mid tool call (no tool_result, no agent_end)\n"
         "  --stats               print lines, spans, bytes and throughput on stderr\n"
         "  -h, --help            show this help\n";
}

ParsedOptions parse_generator_options(int argc, const char* const* argv) {
  ParsedOptions parsed;
  GeneratorOptions& options = parsed.options;
  for (int i = 1; i < argc; ++i) {
    std::string_view argument = argv[i];
    std::string_view inline_value;
    bool has_inline_value = false;
    if (argument.starts_with("--")) {
      const size_t equals = argument.find('=');
      if (equals != std::string_view::npos) {
        inline_value = argument.substr(equals + 1);
        argument = argument.substr(0, equals);
        has_inline_value = true;
      }
    }
    auto value = [&]() -> std::optional<std::string_view> {
      if (has_inline_value) return inline_value;
      if (i + 1 < argc) return std::string_view(argv[++i]);
      return std::nullopt;
    };
    auto fail = [&](std::string message) {
      parsed.error = std::move(message);
      return parsed;
    };

    if (argument == "-h" || argument == "--help") {
      options.show_help = true;
    } else if (argument == "--cut-off") {
      options.cut_off = true;
    } else if (argument == "--stats") {
      options.print_stats = true;
    } else if (argument == "-o" || argument == "--output") {
      const auto text = value();
      if (!text || text->empty()) return fail(std::string(argument) + " expects a file name");
      options.output_path = std::string(*text);
    } else if (argument == "--runs" || argument == "--spans" || argument == "--seed" || argument == "--session-spans") {
      const auto text = value();
      if (!text) return fail(std::string(argument) + " expects a number");
      const auto number = parse_unsigned(*text);
      if (argument == "--seed") {
        if (!number) return fail(bad_value(argument, "an unsigned integer", *text));
        options.seed = *number;
      } else if (argument == "--runs") {
        if (!number || *number == 0 || *number > 100000)
          return fail(bad_value(argument, "an integer in 1..100000", *text));
        options.runs = static_cast<uint32_t>(*number);
      } else if (argument == "--spans") {
        if (!number || *number == 0) return fail(bad_value(argument, "a positive integer", *text));
        options.target_spans = *number;
      } else {
        if (!number || *number < 16) return fail(bad_value(argument, "an integer of at least 16", *text));
        options.max_session_spans = *number;
      }
    } else if (argument == "--payload-scale") {
      const auto text = value();
      if (!text) return fail("--payload-scale expects a number");
      const auto number = parse_double(*text);
      if (!number || !(*number > 0.0) || *number > 1000.0) {
        return fail(bad_value(argument, "a number in (0, 1000]", *text));
      }
      options.payload_scale = *number;
    } else {
      return fail("unknown option '" + std::string(argv[i]) + "' (see --help)");
    }
  }
  return parsed;
}

}  // namespace agentreel::gen
