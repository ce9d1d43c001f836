// Sessions list (see sessions_panel.h): an ImGui table with a clipper, so thousands of sessions stay cheap.
// Sorting permutes a private index; the Trace's session order is never changed.
#include "app/sessions_panel.h"

#include <algorithm>
#include <cfloat>
#include <string>

#include "app/conversation/text_cache.h"
#include "app/diagnosis/finding_look.h"
#include "app/secrets/secret_look.h"
#include "app/text/session_clock.h"
#include "app/text/session_start_text.h"
#include "app/text/text_fit.h"
#include "app/text/time_format.h"
#include "core/text.h"
#include "model/session_summary.h"

namespace agentreel::viewer {
namespace {

// In the order shown: the findings next to the name they judge.
enum Column { kId = 0, kFindings, kStart, kDuration, kSpans, kErrors, kCost };

// Sort key of a session's findings: by the most severe first, then how many.
uint64_t findings_rank(const DiagnosisStore& store, uint32_t session) {
  const diagnosis::SessionDiagnosis* d = store.get(session);
  if (!d) return 0;
  uint64_t rank = 1;
  for (const diagnosis::Finding& f : d->findings) rank += uint64_t{1} << (16 * static_cast<int>(f.severity));
  return rank;
}

std::string session_duration_text(const Session& session) {
  const int64_t duration = session.end_ns - session.start_ns;
  return clock_duration_compact(session_clock(session.flags), duration);
}

}  // namespace

void SessionsPanel::reset() {
  order_.clear();
  costs_.clear();
  labels_.clear();
  labelled_.clear();
}

const std::string& SessionsPanel::label_of(const Document& doc, uint32_t session) {
  const Trace& trace = doc.trace();
  if (labels_.size() != trace.sessions.size()) {
    labels_.assign(trace.sessions.size(), std::string());
    labelled_.assign(trace.sessions.size(), 0);
  }
  if (!labelled_[session]) {
    labelled_[session] = 1;
    std::string label = session_title(trace, document_reader(doc), session, 200);
    if (label.empty()) label = trace.strings.get(trace.sessions[session].id);
    if (label.empty()) label = "(session " + std::to_string(session + 1) + ")";
    labels_[session] = std::move(label);
  }
  return labels_[session];
}

void SessionsPanel::sort(const Document& doc, const DiagnosisStore& diagnosis, int column, bool ascending) {
  const Trace& trace = doc.trace();
  const auto& lanes = doc.layout().sessions;
  auto key_less = [&](uint32_t a, uint32_t b) {
    const Session& sa = trace.sessions[a];
    const Session& sb = trace.sessions[b];
    switch (column) {
      case kId: return label_of(doc, a) < label_of(doc, b);
      case kStart: return sa.start_ns < sb.start_ns;
      case kDuration: return sa.end_ns - sa.start_ns < sb.end_ns - sb.start_ns;
      case kSpans: return sa.span_count < sb.span_count;
      case kErrors: return lanes[a].error_count < lanes[b].error_count;
      case kCost: return costs_[a].usd < costs_[b].usd;
      case kFindings: return findings_rank(diagnosis, a) < findings_rank(diagnosis, b);
      default: return a < b;
    }
  };
  std::stable_sort(order_.begin(), order_.end(),
                   [&](uint32_t a, uint32_t b) { return ascending ? key_less(a, b) : key_less(b, a); });
}

void SessionsPanel::draw_findings_cell(const DiagnosisStore& diagnosis, uint32_t session, const Fonts& fonts) {
  const diagnosis::SessionDiagnosis* d = diagnosis.get(session);
  if (!d) {
    ImGui::TextDisabled("\xE2\x80\xA6");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Not analysed yet (large sessions are analysed when shown)");
    return;
  }
  ImGui::BeginGroup();
  if (d->findings.empty()) {
    ImGui::TextDisabled("clean");
  } else {
    // One chip per kind: its letter and count, coloured by the kind's most severe finding.
    int count[diagnosis::kFindingKindCount] = {};
    int worst[diagnosis::kFindingKindCount] = {};
    for (const diagnosis::Finding& f : d->findings) {
      const int k = static_cast<int>(f.kind) % diagnosis::kFindingKindCount;
      ++count[k];
      worst[k] = std::max(worst[k], static_cast<int>(f.severity));
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float em = ImGui::GetFontSize();
    const float size = em * 0.85f;
    bool first = true;
    for (int k = 0; k < diagnosis::kFindingKindCount; ++k) {
      if (count[k] == 0) continue;
      if (!first) ImGui::SameLine(0, em * 0.25f);
      first = false;
      const auto kind = static_cast<diagnosis::FindingKind>(k);
      std::string text = finding_kind_letter(kind);
      if (count[k] > 1) text += std::to_string(count[k]);
      const ImVec2 text_size = fonts.bold->CalcTextSizeA(size, FLT_MAX, 0, text.c_str());
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const float h = ImGui::GetTextLineHeight();
      const ImVec2 chip_max(p.x + text_size.x + em * 0.5f, p.y + h);
      const ImU32 color = severity_color(static_cast<diagnosis::Severity>(worst[k]));
      draw->AddRectFilled(ImVec2(p.x, p.y + 1), ImVec2(chip_max.x, chip_max.y - 1), color, 3);
      draw->AddText(fonts.bold, size, ImVec2(p.x + em * 0.25f, p.y + (h - text_size.y) * 0.5f),
                    theme::text_color_on(color), text.c_str());
      ImGui::Dummy(ImVec2(chip_max.x - p.x, h));
    }
  }
  ImGui::EndGroup();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
    ImGui::TextUnformatted(d->verdict.c_str());
    for (const diagnosis::Finding& f : d->findings) {
      ImGui::PushStyleColor(ImGuiCol_Text, severity_color(f.severity));
      ImGui::BulletText("%s", finding_kind_label(f.kind));
      ImGui::PopStyleColor();
      ImGui::SameLine();
      ImGui::TextDisabled("%s", f.summary.c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

void SessionsPanel::draw_cost_cell(const CostTotal& cost) {
  if (cost.priced_calls + cost.unknown_calls == 0) return;  // no model calls
  if (cost.priced_calls == 0) {
    ImGui::TextDisabled("?");
  } else if (cost.unknown_calls == 0) {
    ImGui::TextUnformatted(usd_text(cost.usd).c_str());
  } else {
    ImGui::Text("\xE2\x89\xA5 %s", usd_text(cost.usd).c_str());
  }
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) {
    ImGui::SetTooltip("%s\nat list prices (docs/pricing.md)", cost_text(cost).c_str());
  }
}

void SessionsPanel::draw_secrets_chip(const Document& doc, const SecretStore& secrets, uint32_t session,
                                      const Fonts& fonts) {
  const SessionSecrets* found = secrets.get(session);
  if (!found || found->distinct == 0) return;
  ImGui::SameLine(0, ImGui::GetFontSize() * 0.4f);
  ImGui::BeginGroup();
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(h * 1.05f, h));
  paint_secret_key(ImGui::GetWindowDrawList(), ImVec2(p.x, p.y + h * 0.05f), h * 0.95f, kSecretColor);
  ImGui::SameLine(0, 1);
  ImGui::PushFont(fonts.bold);
  ImGui::PushStyleColor(ImGuiCol_Text, kSecretColor);
  ImGui::Text("%u", found->distinct);
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::EndGroup();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayShort)) {
    ImGui::BeginTooltip();
    ImGui::PushStyleColor(ImGuiCol_Text, kSecretColor);
    ImGui::Text("%s in the records of %s", count_text(found->distinct, "secret").c_str(),
                count_text(found->spans.size(), "span").c_str());
    ImGui::PopStyleColor();
    for (int k = 0; k < secrets::kSecretKindCount; ++k) {
      const uint32_t n = found->distinct_by_kind[size_t(k)];
      if (n) ImGui::BulletText("%u %s", n, secrets::kind_phrase(secrets::SecretKind(k), n).c_str());
    }
    ImGui::TextDisabled("The rail and the conversation flag their spans; hover one for a masked preview.");
    ImGui::TextDisabled("Before sending this run: %s", redact_command(doc).c_str());
    ImGui::EndTooltip();
  }
}

void SessionsPanel::draw(const Document& doc, const DiagnosisStore& diagnosis, const SecretStore& secrets,
                         ViewState& state, const Fonts& fonts) {
  const Trace& trace = doc.trace();
  if (order_.size() != trace.sessions.size()) {
    order_.resize(trace.sessions.size());
    for (uint32_t i = 0; i < order_.size(); ++i) order_[i] = i;
    start_precision_ = start_precision_for(trace.sessions);
    start_day_ = shared_start_day(trace.sessions);
    costs_.resize(trace.sessions.size());
    for (uint32_t i = 0; i < costs_.size(); ++i) costs_[i] = session_cost(trace, i);
  }
  ImGui::PushFont(fonts.bold);
  ImGui::Text("Sessions");
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::TextDisabled("%zu", trace.sessions.size());
  // The time zone goes in the title, not the "Started" header: the header's width is taken from the
  // narrow column that the session names need.
  if (!start_day_.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled(" \xC2\xB7 %s UTC", start_day_.c_str());
  } else if (start_precision_ != StartPrecision::time_of_day) {
    ImGui::SameLine();
    ImGui::TextDisabled(" \xC2\xB7 times in UTC");
  }
  if (trace.sessions.empty()) {
    ImGui::TextDisabled("This bundle has no sessions.");
    return;
  }

  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit |
                                ImGuiTableFlags_NoBordersInBodyUntilResize | ImGuiTableFlags_Hideable;
  if (!ImGui::BeginTable("##sessions", 7, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Session", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoHide, 0, kId);
  ImGui::TableSetupColumn("Findings", ImGuiTableColumnFlags_PreferSortDescending, 0, kFindings);
  ImGui::TableSetupColumn("Started", ImGuiTableColumnFlags_DefaultSort, 0, kStart);
  ImGui::TableSetupColumn("Duration", ImGuiTableColumnFlags_PreferSortDescending, 0, kDuration);
  // Spans and Errors start hidden (right-click a header to show them), to leave the names room: the rail
  // header and each row's tooltip give the span count, and the Findings column names failed runs.
  ImGui::TableSetupColumn("Spans", ImGuiTableColumnFlags_PreferSortDescending | ImGuiTableColumnFlags_DefaultHide, 0,
                          kSpans);
  ImGui::TableSetupColumn("Errors", ImGuiTableColumnFlags_PreferSortDescending | ImGuiTableColumnFlags_DefaultHide, 0,
                          kErrors);
  ImGui::TableSetupColumn("Cost", ImGuiTableColumnFlags_PreferSortDescending, 0, kCost);
  ImGui::TableHeadersRow();
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
    if (specs->SpecsCount > 0) {
      sort(doc, diagnosis, static_cast<int>(specs->Specs[0].ColumnUserID),
           specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending);
    }
    specs->SpecsDirty = false;
  }

  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(order_.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const uint32_t si = order_[row];
      const Session& session = trace.sessions[si];
      const uint32_t errors = doc.layout().sessions[si].error_count;
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(kId);
      ImGui::PushID(static_cast<int>(si));
      std::string id(trace.strings.get(session.id));
      if (id.empty()) id = "(session " + std::to_string(si + 1) + ")";
      const bool selected = state.session == si;
      const std::string& title = label_of(doc, si);
      // A title reads from its start; an id (two ids differ at both ends) keeps both ends.
      const std::string label = title != id ? fit_end(title, ImGui::GetContentRegionAvail().x, theme::text_width)
                                            : elide_middle(id, ImGui::GetContentRegionAvail().x, theme::text_width);
      const bool clicked = ImGui::Selectable(label.c_str(), selected,
                                             ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowOverlap);
      const ImVec2 row_min = ImGui::GetItemRectMin(), row_max = ImGui::GetItemRectMax();
      state.probe.session_rows.push_back({si, {row_min.x, row_min.y, row_max.x, row_max.y}});
      if (clicked) {
        if (state.session != si) {
          state.session = si;
          state.selected_span = kNoSpan;
          state.focused_finding = -1;
          state.fit_session = true;
        }
      }
      if (ImGui::IsItemHovered(ImGuiHoveredFlags_DelayNormal)) {
        const SessionClock clock = session_clock(session.flags);
        std::string started(clock_label(clock));  // no wall clock: say which clock instead
        if (clock == SessionClock::wall) started = "started " + format_utc(session.start_ns);
        if (clock == SessionClock::steps) started += ", from " + session_start_text(session, start_precision_);
        ImGui::SetTooltip("%s\n%s\n%s\n%s, %s\nfrom %s", title.c_str(), id.c_str(), started.c_str(),
                          count_text(session.span_count, "span").c_str(), count_text(errors, "error").c_str(),
                          session.input < trace.inputs.size() ? trace.inputs[session.input].path.c_str() : "?");
      }
      ImGui::PopID();
      if (ImGui::TableSetColumnIndex(kStart)) {
        ImGui::TextUnformatted(session_start_text(session, start_precision_).c_str());
      }
      if (ImGui::TableSetColumnIndex(kDuration)) ImGui::TextUnformatted(session_duration_text(session).c_str());
      if (ImGui::TableSetColumnIndex(kSpans)) ImGui::Text("%u", session.span_count);
      if (ImGui::TableSetColumnIndex(kErrors)) {
        if (errors > 0) {
          ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
          ImGui::Text("%u", errors);
          ImGui::PopStyleColor();
        } else {
          ImGui::TextDisabled("0");
        }
      }
      if (ImGui::TableSetColumnIndex(kCost)) draw_cost_cell(costs_[si]);
      if (ImGui::TableSetColumnIndex(kFindings)) {
        draw_findings_cell(diagnosis, si, fonts);
        draw_secrets_chip(doc, secrets, si, fonts);
      }
    }
  }
  ImGui::EndTable();
}

}  // namespace agentreel::viewer
