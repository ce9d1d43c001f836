// `agentreel secrets BUNDLE|LOGS... [--json]`: every secret in a run (API keys, tokens, private keys, passwords,
// ...) with its kind, input, line, byte range and the session and span whose record holds it, showing only a
// masked preview. Logs given directly are converted in memory first, so they are located the same way. Exit
// status 3 when secrets are found (0 when none), so scripts can gate on it.
#include <cstdio>

#include "commands.h"
#include "json_out.h"
#include "open_run.h"
#include "secret_patterns.h"
#include "secret_scan.h"
#include "secrets/redaction_manifest.h"
#include "secrets/secret_summary.h"

namespace agentreel::cli {
namespace {

constexpr int kExitSecretsFound = 3;

struct Row {
  secrets::Finding finding;  // stream offsets; the value stays in memory, only its preview is printed
  LocatedFinding where;
};

std::string session_name(const Trace& trace, uint32_t span) {
  return std::string(trace.strings.get(trace.sessions[trace.session_of(span)].id));
}

void print_text(const std::string& source, const Trace& trace, const std::vector<Row>& rows,
                const secrets::SecretSummary& summary, const std::optional<secrets::RedactionManifest>& manifest) {
  if (manifest) {
    std::printf("%s: a redacted bundle: %zu secret(s) replaced in %zu place(s) (its RDCT section)\n", source.c_str(),
                manifest->secrets.size(), manifest->occurrences.size());
  }
  if (rows.empty()) {
    std::printf("%s: no secrets found\n", source.c_str());
    return;
  }
  std::printf("%s: %s in %llu place(s)\n", source.c_str(), summary.sentence().c_str(),
              (unsigned long long)summary.occurrences());
  for (const Row& row : rows) {
    const secrets::Finding& f = row.finding;
    const LocatedFinding& w = row.where;
    std::printf("  %s:%llu: bytes %llu..%llu: %s (%s) %s", trace.inputs[w.input].path.c_str(),
                (unsigned long long)w.line, (unsigned long long)w.input_offset,
                (unsigned long long)(w.input_offset + (f.end - f.begin)), secrets::label(*f.rule).c_str(),
                std::string(f.rule->id).c_str(), secrets::masked_preview(f).c_str());
    if (f.encoding == secrets::Encoding::base64) std::printf(", inside base64");
    if (w.span) {
      std::printf("; session %s, span %u \"%s\" (%s record)", session_name(trace, *w.span).c_str(), *w.span,
                  std::string(trace.name_of(*w.span)).c_str(), w.end_record ? "closing" : "opening");
    }
    std::printf("\n");
  }
}

void print_json(const std::string& source, const Trace& trace, const std::vector<Row>& rows,
                const secrets::SecretSummary& summary, const std::optional<secrets::RedactionManifest>& manifest) {
  JsonOut out;
  out.begin_object();
  out.key("source").value(source);
  out.key("secrets").value(summary.distinct());
  out.key("occurrences").value(summary.occurrences());
  out.key("by_kind").begin_object();
  for (int k = 0; k < secrets::kSecretKindCount; ++k) {
    const auto kind = secrets::SecretKind(k);
    if (summary.distinct_of(kind)) out.key(secrets::kind_slug(kind)).value(summary.distinct_of(kind));
  }
  out.end_object();
  out.key("findings").begin_array();
  for (const Row& row : rows) {
    const secrets::Finding& f = row.finding;
    const LocatedFinding& w = row.where;
    out.begin_object();
    out.key("kind").value(secrets::kind_slug(f.kind()));
    out.key("provider").value(f.rule->provider);
    out.key("label").value(secrets::label(*f.rule));
    out.key("rule").value(f.rule->id);
    out.key("preview").value(secrets::masked_preview(f));
    out.key("value_length").value(uint64_t(f.value.size()));
    out.key("encoding").value(f.encoding == secrets::Encoding::base64 ? "base64" : "plain");
    out.key("input").value(trace.inputs[w.input].path);
    out.key("input_index").value(w.input);
    out.key("line").value(w.line);
    out.key("byte_offset").value(w.input_offset);
    out.key("byte_end").value(w.input_offset + (f.end - f.begin));
    out.key("stream_offset").value(uint64_t(f.begin));
    if (w.span) {
      out.key("session").value(session_name(trace, *w.span));
      out.key("span").value(*w.span);
      out.key("span_name").value(trace.name_of(*w.span));
      out.key("record").value(w.end_record ? "end" : "begin");
      out.key("record_offset").value(w.record.offset);
      out.key("record_length").value(w.record.length);
    }  // outside every span's records: no session, span or record keys
    out.end_object();
  }
  out.end_array();
  if (manifest) {  // only in a redacted bundle
    out.key("redaction").begin_object();
    out.key("secrets").value(uint64_t(manifest->secrets.size()));
    out.key("occurrences").value(uint64_t(manifest->occurrences.size()));
    out.key("custom_patterns").value(manifest->custom_patterns);
    out.key("allow_patterns").value(manifest->allow_patterns);
    out.key("replaced").begin_array();
    for (const secrets::RedactedOccurrence& o : manifest->occurrences) {
      const secrets::RedactedSecret& secret = manifest->secrets[o.secret];
      out.begin_object();
      out.key("secret").value(o.secret + 1);
      out.key("kind").value(secrets::kind_slug(secret.kind));
      out.key("label").value(secret.label);
      out.key("rule").value(secret.rule);
      out.key("input_index").value(o.input);
      if (o.input < trace.inputs.size()) out.key("input").value(trace.inputs[o.input].path);
      out.key("offset").value(o.redacted_offset);
      out.key("length").value(o.redacted_length);
      out.key("original_offset").value(o.original_offset);
      out.key("original_length").value(o.original_length);
      out.key("encoding").value(o.encoding == secrets::Encoding::base64 ? "base64" : "plain");
      out.end_object();
    }
    out.end_array();
    out.end_object();
  }
  out.end_object();
  std::printf("%s\n", out.str().c_str());
}

}  // namespace

int run_secrets(const Args& args) {
  std::vector<std::string> arguments;
  std::string format;
  bool json = false;
  SecretFlags flags;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string pattern_error;
    if (args[i] != "--redact" && take_secret_flag(args, i, flags, pattern_error)) {
      if (!pattern_error.empty()) return usage("secrets: " + pattern_error);
    } else if (args[i] == "--json") {
      json = true;
    } else if (args[i] == "--format" && i + 1 < args.size()) {
      format = args[++i];
    } else if (!args[i].empty() && args[i][0] == '-') {
      return usage("secrets: unknown option " + args[i] +
                   (args[i] == "--redact" ? " (agentreel redact does that)" : ""));
    } else {
      arguments.push_back(args[i]);
    }
  }
  if (arguments.empty()) return usage("secrets needs a BUNDLE or LOGS...");

  const bool bundle_given = arguments.size() == 1 && is_bundle_file(arguments[0]);
  auto opened = open_run(arguments, format, "agentreel secrets");
  if (!opened.is_ok()) return fail(opened.status().message());
  const Bundle& bundle = *opened.value();
  bundle.set_block_cache_limit(2);  // inputs are read front to back once

  std::optional<secrets::RedactionManifest> manifest;
  auto manifest_bytes = bundle.read_section(secrets::kTagRedactions);
  if (!manifest_bytes.is_ok()) return fail(arguments[0] + ": " + manifest_bytes.status().to_string());
  if (manifest_bytes.value()) {
    manifest.emplace();
    if (Status s = secrets::decode_manifest(*manifest_bytes.value(), *manifest); !s.is_ok()) {
      return fail(arguments[0] + ": " + s.to_string());
    }
  }

  const secrets::Scanner scanner(flags.scan);
  std::vector<Row> rows;
  secrets::SecretSummary summary;
  Status status = scan_bundle(bundle, scanner, [&](const LocatedFinding& where) {
    summary.add(*where.finding);
    rows.push_back({*where.finding, where});
  });
  if (!status.is_ok()) return fail(arguments[0] + ": " + status.to_string());
  for (Row& row : rows) row.where.finding = &row.finding;  // the vector moved as it grew

  const std::string source = bundle_given ? arguments[0] : (arguments.size() == 1 ? arguments[0] : "logs");
  if (json) {
    print_json(source, bundle.trace(), rows, summary, manifest);
  } else {
    print_text(source, bundle.trace(), rows, summary, manifest);
  }
  return rows.empty() ? 0 : kExitSecretsFound;
}

}  // namespace agentreel::cli
