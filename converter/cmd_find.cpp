// `agentreel find BUNDLE|LOGS... QUERY [--session ID] [--json] [--limit N]`: the viewer's find language
// (shared/find/find_query.h) from the command line. Prints each matching span with its session, its number within
// the session, its time from the session's start, and a snippet: the text around the match, or what the span did.
#include <cstdio>
#include <cstdlib>

#include "commands.h"
#include "core/text.h"
#include "find/find_scan.h"
#include "find_snippet.h"
#include "json_out.h"
#include "model/session_select.h"
#include "model/span_text.h"
#include "open_run.h"

namespace agentreel::cli {
int run_find(const Args& args) {
  std::vector<std::string> positional;
  std::string session_name, format;
  bool json = false;
  uint64_t limit = 200;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--json") {
      json = true;
    } else if (a == "--session" || a == "--format" || a == "--limit") {
      if (i + 1 >= args.size()) return usage("find: " + a + " needs a value");
      const std::string& v = args[++i];
      if (a == "--session")
        session_name = v;
      else if (a == "--format")
        format = v;
      else
        limit = std::strtoull(v.c_str(), nullptr, 10);
    } else if (a.size() > 1 && a[0] == '-' && a[1] == '-') {
      return usage("find: unknown option " + a);
    } else {
      positional.push_back(a);  // a query may start with '-' ("-kind:hook")
    }
  }
  if (positional.size() < 2) return usage("find needs a BUNDLE (or logs) and a QUERY");
  const std::string query_text = positional.back();
  positional.pop_back();
  auto query = FindQuery::parse(query_text);
  if (!query.is_ok()) return fail(query.status().message());
  auto opened = open_run(positional, format, "agentreel find");
  if (!opened.is_ok()) return fail(opened.status().message());
  const Bundle& bundle = *opened.value();
  const Trace& trace = bundle.trace();
  bundle.set_block_cache_limit(8);
  const StreamReader stream = [&bundle](uint64_t offset, uint64_t size, std::string& out) {
    return bundle.read_stream(offset, size, out);
  };
  const RecordReader read = [&bundle](RecordRef ref) {
    auto bytes = bundle.read_record(ref);
    return bytes.is_ok() ? bytes.take() : std::string();
  };

  std::vector<uint32_t> sessions;
  if (!session_name.empty()) {
    auto s = resolve_session(trace, session_name);
    if (!s.is_ok()) return fail(positional[0] + ": " + s.status().message());
    sessions.push_back(s.value());
  } else {
    for (uint32_t s = 0; s < trace.sessions.size(); ++s) sessions.push_back(s);
  }
  struct Match {
    uint32_t session, span;
  };
  std::vector<Match> matches;
  for (uint32_t s : sessions) {
    FindOptions options;
    options.index = &bundle.find_index();
    auto found = find_in_session(trace, s, query.value(), stream, options);
    if (!found.is_ok()) return fail(positional[0] + ": " + found.status().to_string());
    for (uint32_t span : found.value()) matches.push_back({s, span});
  }
  const size_t shown = std::min<size_t>(matches.size(), limit);

  if (json) {
    JsonOut out;
    out.begin_object();
    out.key("query").value(query.value().describe());
    out.key("count").value(uint64_t(matches.size()));
    out.key("matches").begin_array();
    for (size_t i = 0; i < shown; ++i) {
      const Match& m = matches[i];
      const Session& s = trace.sessions[m.session];
      out.begin_object();
      out.key("session").value(trace.strings.get(s.id));
      out.key("session_number").value(m.session + 1);
      out.key("span").value(m.span);
      out.key("span_in_session").value(m.span - s.first_span);
      out.key("offset_ns").value(trace.spans.start_ns[m.span] - s.start_ns);
      out.key("duration_ns").value(trace.spans.duration_ns[m.span]);
      out.key("kind").value(span_kind_name(trace.spans.kind[m.span]));
      out.key("name").value(trace.name_of(m.span));
      out.key("status").value(span_status_name(trace.spans.status[m.span]));
      out.key("snippet").value(find_snippet(trace, read, m.span, query.value()));
      out.end_object();
    }
    out.end_array().end_object();
    std::printf("%s\n", out.str().c_str());
    return 0;
  }
  std::printf("%s for %s\n", count_text(matches.size(), "match").c_str(), query.value().describe().c_str());
  uint32_t last_session = UINT32_MAX;
  for (size_t i = 0; i < shown; ++i) {
    const Match& m = matches[i];
    const Session& s = trace.sessions[m.session];
    if (m.session != last_session) {
      std::printf("%s\n", session_label(trace, m.session).c_str());
      last_session = m.session;
    }
    const double offset_s = double(trace.spans.start_ns[m.span] - s.start_ns) / 1e9;  // of its session's clock
    const std::string snippet = find_snippet(trace, read, m.span, query.value());
    std::printf(
        "  span %-5u +%-9s %-6s %-12s %s%s\n", m.span - s.first_span,
        (std::to_string(int64_t(offset_s * 10) / 10) + "." + std::to_string(int64_t(offset_s * 10) % 10) + "s").c_str(),
        std::string(span_kind_name(trace.spans.kind[m.span])).c_str(),
        std::string(utf8_prefix(trace.name_of(m.span), 24)).c_str(),
        trace.spans.status[m.span] == SpanStatus::ok
            ? ""
            : (std::string(span_status_name(trace.spans.status[m.span])) + ": ").c_str(),
        snippet.c_str());
  }
  if (shown < matches.size())
    std::printf("… %zu more (--limit N shows more, --json lists them)\n", matches.size() - shown);
  return 0;
}

}  // namespace agentreel::cli
