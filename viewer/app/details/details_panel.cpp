// Span details (see details_panel.h): a property table on the left, the payload viewer on the right.
// Records are read once per selection; UI state (tab, pretty, wrap) lives here, never in the Trace.
#include "app/details/details_panel.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "app/audit/audit_look.h"
#include "app/conversation/text_cache.h"
#include "app/details/json_pretty.h"
#include "app/secrets/secret_look.h"
#include "app/secrets/secret_store.h"
#include "app/text/session_clock.h"
#include "app/text/time_format.h"
#include "model/call_features.h"
#include "model/span_facts.h"
#include "secrets/secret_summary.h"

namespace agentreel::viewer {
namespace {

std::string size_text(size_t bytes) {
  char buffer[32];
  if (bytes < 1024) {
    std::snprintf(buffer, sizeof buffer, "%zu B", bytes);
  } else if (bytes < 1024 * 1024) {
    std::snprintf(buffer, sizeof buffer, "%.1f KiB", bytes / 1024.0);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
  return buffer;
}

void property_row(const char* key) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::TextDisabled("%s", key);
  ImGui::TableSetColumnIndex(1);
}

std::string flags_text(uint16_t flags) {
  std::string text;
  auto add = [&](uint16_t bit, const char* name) {
    if (!(flags & bit)) return;
    if (!text.empty()) text += ", ";
    text += name;
  };
  add(kFlagInstant, "instant");
  add(kFlagUnpairedEnd, "end without start");
  add(kFlagClockRepaired, "clock repaired");
  if (const std::string_view clock = clock_label(session_clock(flags)); !clock.empty()) {
    if (!text.empty()) text += ", ";
    text += clock;
  }
  return text;
}

}  // namespace

void DetailsPanel::reset() {
  span_ = UINT32_MAX;
  payloads_[0] = Payload();
  payloads_[1] = Payload();
  payloads_[2] = Payload();
  secrets_phrase_.clear();
  secrets_found_.clear();
  shown_ = -1;
  text_.set_text({});
}

void DetailsPanel::load(const Document& doc, uint32_t span) {
  reset();
  span_ = span;
  shown_expand_ = expand_newlines_;
  const Trace& trace = doc.trace();
  const RecordRef refs[2] = {trace.spans.begin_record[span], trace.spans.end_record[span]};
  for (int i = 0; i < 2; ++i) {
    Payload& p = payloads_[i];
    p.present = refs[i].length > 0;
    if (!p.present) continue;
    auto record = doc.read_record(refs[i]);
    p.loaded = true;
    if (!record.is_ok()) {
      p.error = record.status().to_string();
      continue;
    }
    p.raw = record.take();
    while (!p.raw.empty() && (p.raw.back() == '\n' || p.raw.back() == '\r')) p.raw.pop_back();
    format_pretty(p);
  }
  // Secrets in its records (microseconds a record): marked before anyone copies or sends them.
  const secrets::Scanner& scanner = SecretStore::scanner();
  secrets::SecretSummary summary;
  for (int i = 0; i < 2; ++i) {
    for (const secrets::Finding& f : scanner.find_secrets(payloads_[i].raw)) {
      summary.add(f);
      if (secrets_found_.size() < 8) {
        secrets_found_.push_back(secrets::label(*f.rule) + ": " + secrets::masked_preview(f) +
                                 (i == 0 ? " (begin record)" : " (end record)"));
      }
    }
  }
  secrets_phrase_ = summary.phrase();
  // What the span did, in words, when its reader recorded facts: shown first, the records a click away.
  Payload& facts = payloads_[2];
  facts.raw = describe_span_facts(trace, document_reader(doc), span, 4 << 20);
  facts.present = facts.loaded = !facts.raw.empty();
  // Open the facts, else the begin record unless only the end record exists (or the end record is preferred).
  tab_ = payloads_[1].present && (prefer_end_ || !payloads_[0].present) ? 1 : 0;
  if (facts.present && !prefer_end_) tab_ = 2;
}

void DetailsPanel::format_pretty(Payload& p) const {
  PrettyOptions options;
  options.expand_newlines = expand_newlines_;
  if (!pretty_print_json(p.raw, p.pretty, options)) p.pretty.clear();
}

void DetailsPanel::show_payload(int which) {
  Payload& p = payloads_[which];
  if (pretty_ && shown_expand_ != expand_newlines_ && !p.pretty.empty()) {
    for (Payload& other : payloads_) {
      if (other.loaded && other.error.empty()) format_pretty(other);
    }
    shown_expand_ = expand_newlines_;
    shown_ = -2;  // force a refresh below
  }
  const bool pretty = pretty_ && !p.pretty.empty();
  if (shown_ == which && shown_pretty_ == pretty) return;
  text_.set_text(pretty ? p.pretty : p.raw);
  shown_ = which;
  shown_pretty_ = pretty;
}

void DetailsPanel::draw(const Document& doc, ViewState& state, const Fonts& fonts) {
  const Trace& trace = doc.trace();
  const uint32_t span = state.selected_span;
  if (span == kNoSpan || span >= trace.spans.size()) {
    if (span_ != UINT32_MAX) reset();
    ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.5f));
    ImGui::TextDisabled("Click a span on the rail to see its details and the records behind it.");
    ImGui::TextDisabled("Wheel: zoom    Drag: pan    Shift+wheel: scroll in time    Ctrl+wheel: scroll lanes");
    return;
  }
  if (span != span_) load(doc, span);

  const float width = ImGui::GetContentRegionAvail().x;
  const float left_width = std::clamp(width * 0.36f, std::min(width, 300.0f), std::max(width * 0.5f, 300.0f));
  ImGui::BeginChild("##properties", ImVec2(left_width, 0), ImGuiChildFlags_ResizeX);
  draw_properties(doc, state, fonts, span);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##payloads", ImVec2(0, 0), ImGuiChildFlags_None);
  draw_payloads(fonts, state.probe);
  ImGui::EndChild();
}

void DetailsPanel::draw_properties(const Document& doc, ViewState& state, const Fonts& fonts, uint32_t span) {
  const Trace& trace = doc.trace();
  const SpanColumns& spans = trace.spans;
  const uint32_t session_index = trace.session_of(span);
  const Session* session = session_index < trace.sessions.size() ? &trace.sessions[session_index] : nullptr;
  const SessionClock clock = session ? session_clock(session->flags) : SessionClock::wall;
  const SpanKind kind = spans.kind[span];
  const SpanStatus status = spans.status[span];

  // Heading: kind chip, name, status badge.
  const float chip = std::round(ImGui::GetFontSize() * 0.8f);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + (ImGui::GetTextLineHeight() - chip) * 0.5f),
                                            ImVec2(p.x + chip, p.y + (ImGui::GetTextLineHeight() + chip) * 0.5f),
                                            theme::kind_color(kind), 3);
  ImGui::Dummy(ImVec2(chip, ImGui::GetTextLineHeight()));
  ImGui::SameLine();
  ImGui::PushFont(fonts.bold);
  const std::string name(trace.name_of(span));
  ImGui::TextWrapped("%s", name.empty() ? "(unnamed)" : name.c_str());
  ImGui::PopFont();

  if (!ImGui::BeginTable("##props", 2, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) return;
  ImGui::TableSetupColumn("key", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
  property_row("Kind");
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kind_color(kind));
  ImGui::TextUnformatted(theme::kind_label(kind));
  ImGui::PopStyleColor();
  property_row("Status");
  if (status == SpanStatus::ok) {
    ImGui::TextUnformatted(theme::status_label(status));
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::status_color(status));
    ImGui::TextUnformatted(theme::status_label(status));
    ImGui::PopStyleColor();
  }
  property_row("Start");
  if (session) {
    const int64_t offset = spans.start_ns[span] - session->start_ns;
    if (clock == SessionClock::steps) {
      ImGui::Text("step %" PRId64, spans.start_ns[span] / 1'000'000'000);
    } else if (clock == SessionClock::execution) {
      ImGui::Text("+%s of execution from the run's start", format_duration(offset).c_str());
    } else {
      ImGui::TextUnformatted(format_utc(spans.start_ns[span]).c_str());
      property_row("");
      ImGui::TextDisabled("+%s from session start", format_duration(offset).c_str());
    }
  }
  property_row("Duration");
  if (spans.flags[span] & kFlagInstant) {
    ImGui::TextUnformatted("instant");
  } else {
    ImGui::TextUnformatted(clock_duration(clock, spans.duration_ns[span]).c_str());
  }
  property_row("Parent");
  const uint32_t parent = spans.parent[span];
  if (parent == kNoSpan || parent >= spans.size()) {
    ImGui::TextDisabled("none (root)");
  } else {
    const std::string parent_name(trace.name_of(parent));
    const std::string link = (parent_name.empty() ? std::string("(unnamed)") : parent_name) + "##parent";
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
    if (ImGui::Selectable(link.c_str(), false, ImGuiSelectableFlags_None,
                          ImVec2(ImGui::CalcTextSize(link.c_str(), nullptr, true).x, 0))) {
      state.select(parent, trace.session_of(parent));
    }
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Select the parent span");
  }
  property_row("Depth");
  ImGui::Text("%u", static_cast<unsigned>(doc.layout().depth[span]));
  if (session) {
    property_row("Session");
    ImGui::TextWrapped("%s", std::string(trace.strings.get(session->id)).c_str());
    if (session->input < trace.inputs.size()) {
      property_row("Input");
      ImGui::TextWrapped("%s", trace.inputs[session->input].path.c_str());
    }
  }
  if (spans.flags[span] != 0) {
    property_row("Flags");
    ImGui::TextUnformatted(flags_text(spans.flags[span]).c_str());
  }
  property_row("Span");
  ImGui::Text("#%u", span);
  if (!secrets_phrase_.empty() && span == span_) {
    property_row("Secrets");
    ImGui::PushStyleColor(ImGuiCol_Text, kSecretColor);
    ImGui::TextWrapped("%s in its records", secrets_phrase_.c_str());
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) {
      std::string list;
      for (const std::string& s : secrets_found_) list += s + "\n";
      ImGui::SetTooltip("%sBefore sending this run: agentreel redact BUNDLE -o OUT.reel\n(or agentreel html --redact)",
                        list.c_str());
    }
  }
  if (audit_) {
    const auto [first, last] = audit_->findings_of(span);
    const int recorded = audit_->recorded_of(span);
    if (first < last || recorded >= 0) {
      property_row("Policies");
      ImGui::TextDisabled("replayed, each on its own");
    }
    for (size_t i = first; i < last; ++i) {
      const policy::AuditFinding& f = audit_->audit.findings[i];
      const bool deny = f.kind == policy::VerdictKind::deny;
      property_row("");
      ImGui::PushStyleColor(ImGuiCol_Text, deny ? kWouldDenyColor : kWouldInstructColor);
      ImGui::TextWrapped("%s would %s: %s", std::string(policy::policy_info(f.policy).short_name).c_str(),
                         deny ? (f.post_tool_use ? "withhold its output" : "deny") : "instruct", f.reason.c_str());
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s failproofai policy%s",
                          policy::policy_info(f.policy).default_enabled ? "A default" : "An opt-in",
                          f.live ? "" : "; the live hook would stop at an earlier deny first");
      }
    }
    if (recorded >= 0) {
      const policy::RecordedDenial& d = audit_->audit.recorded[size_t(recorded)];
      property_row("");
      ImGui::TextWrapped("Recorded: denied by %s%s; %s", d.denied_by.empty() ? "?" : d.denied_by.c_str(),
                         d.recorded_policy.empty() ? "" : (" (" + d.recorded_policy + ")").c_str(),
                         std::string(agreement_text(audit_->agreement[size_t(recorded)])).c_str());
    }
  }
  trace.attributes.for_each_of(span, [&](const Attribute& a) {  // no vector per frame
    const std::string key(trace.strings.get(a.key));
    if (is_call_feature_key(key)) return;  // the diagnosis' comparison hashes, not for reading
    property_row(key.c_str());
    switch (a.type) {
      case AttrType::integer: ImGui::Text("%" PRId64, a.value); break;
      case AttrType::real: {
        double real = 0;
        std::memcpy(&real, &a.value, sizeof real);  // the bits of a double
        ImGui::Text("%g", real);
        break;
      }
      case AttrType::string: {
        const std::string value(trace.strings.get(static_cast<StringId>(a.value)));
        ImGui::TextWrapped("%s", value.c_str());
        break;
      }
    }
  });
  ImGui::EndTable();
  ImGui::Spacing();
  if (ImGui::SmallButton("Zoom to span")) state.zoom_to_span = span;
  ImGui::SameLine();
  if (ImGui::SmallButton("Show on the rail")) state.reveal_span = span;
}

void DetailsPanel::draw_payloads(const Fonts& fonts, UiProbe& probe) {
  const auto copy_button = [&] {
    if (ImGui::SmallButton("Copy")) ImGui::SetClipboardText(text_.text().c_str());
    probe.copy_button = {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x,
                         ImGui::GetItemRectMax().y};
  };
  static const char* const kTabNames[3] = {"Begin record", "End record", "What it did"};
  if (!payloads_[0].present && !payloads_[1].present) {
    ImGui::TextDisabled("This span has no records.");
    return;
  }
  if (ImGui::BeginTabBar("##payload_tabs")) {
    // Right after a new selection the tab chosen by load() wins over the tab bar's remembered one.
    const int wanted = shown_ == -1 ? tab_ : -1;
    for (int i : {2, 0, 1}) {
      if (!payloads_[i].present) continue;
      const ImGuiTabItemFlags flags = i == wanted ? ImGuiTabItemFlags_SetSelected : 0;
      const bool open = ImGui::BeginTabItem(kTabNames[i], nullptr, flags);
      if (i == 0) {
        probe.record_tab = {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x,
                            ImGui::GetItemRectMax().y};
      }
      if (open) {
        if (wanted == -1) tab_ = i;
        ImGui::EndTabItem();
      }
    }
    ImGui::EndTabBar();
  }
  Payload& p = payloads_[tab_];
  if (!p.error.empty()) {
    shown_ = tab_;
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
    ImGui::TextWrapped("Could not read this record: %s", p.error.c_str());
    ImGui::PopStyleColor();
    return;
  }
  // The controls flow onto a second line rather than past the panel's edge; Copy comes first.
  const auto checkbox_width = [](const char* label) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
  };
  const auto same_line_if_fits = [](float next_width) {
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + next_width <= right) ImGui::SameLine();
  };
  if (tab_ == 2) {  // words, not JSON: nothing to pretty-print
    copy_button();
    same_line_if_fits(checkbox_width("Wrap"));
    ImGui::Checkbox("Wrap", &wrap_);
    show_payload(tab_);
    text_.draw("##payload_text", fonts.mono, wrap_);
    return;
  }
  copy_button();
  same_line_if_fits(checkbox_width("Pretty"));
  ImGui::BeginDisabled(p.pretty.empty());
  ImGui::Checkbox("Pretty", &pretty_);
  ImGui::EndDisabled();
  if (p.pretty.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("This record is not a JSON object or array; shown as is.");
  }
  same_line_if_fits(checkbox_width("Line breaks"));
  ImGui::BeginDisabled(!pretty_ || p.pretty.empty());
  ImGui::Checkbox("Line breaks", &expand_newlines_);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("Show \\n inside strings as line breaks (multi-line outputs become readable)");
  }
  same_line_if_fits(checkbox_width("Wrap"));
  ImGui::Checkbox("Wrap", &wrap_);
  const std::string size = size_text(p.raw.size());
  same_line_if_fits(ImGui::CalcTextSize(size.c_str()).x);
  ImGui::TextDisabled("%s", size.c_str());
  show_payload(tab_);
  text_.draw("##payload_text", fonts.mono, wrap_);
}

}  // namespace agentreel::viewer
