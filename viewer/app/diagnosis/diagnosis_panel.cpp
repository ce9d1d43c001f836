// Diagnosis panel (see diagnosis_panel.h). Each finding is one selectable row sized to its wrapped summary,
// with the text drawn over it; the evidence is a tree node below the row so it folds on its own.
#include "app/diagnosis/diagnosis_panel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/diagnosis/finding_look.h"
#include "core/text.h"

namespace agentreel::viewer {
namespace {

// "spans 129, 139, 145 and 155" (at most `max_listed`, then "… (N in all)").
std::string span_list_text(const diagnosis::Finding& f, size_t max_listed = 8) {
  std::vector<uint32_t> spans = f.spans;
  if (spans.empty() && f.first_span != kNoSpan) {
    spans.push_back(f.first_span);
    if (f.last_span != kNoSpan && f.last_span != f.first_span) spans.push_back(f.last_span);
  }
  if (spans.empty()) return {};
  std::string text = spans.size() == 1 ? "span " : "spans ";
  for (size_t i = 0; i < std::min(spans.size(), max_listed); ++i) {
    if (i > 0) text += (i + 1 == spans.size()) ? " and " : ", ";
    text += std::to_string(spans[i]);
  }
  if (spans.size() > max_listed) text += ", \xE2\x80\xA6 (" + std::to_string(spans.size()) + " in all)";
  return text;
}

}  // namespace

void DiagnosisPanel::draw(const Document& doc, const DiagnosisStore& store, ViewState& state, const Fonts& fonts) {
  const Trace& trace = doc.trace();
  ImGui::PushFont(fonts.bold);
  ImGui::TextUnformatted("Diagnosis");
  ImGui::PopFont();
  if (state.session >= trace.sessions.size()) return;
  const diagnosis::SessionDiagnosis* d = store.get(state.session);
  ImGui::SameLine();
  if (!d) {
    ImGui::TextDisabled("analysing this session\xE2\x80\xA6");
    return;
  }
  int counts[3] = {0, 0, 0};
  for (const diagnosis::Finding& f : d->findings) ++counts[static_cast<int>(f.severity) % 3];
  ImGui::TextDisabled("%s", count_text(d->findings.size(), "finding").c_str());
  for (int s = 2; s >= 0; --s) {
    if (counts[s] == 0) continue;
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, severity_color(static_cast<diagnosis::Severity>(s)));
    const auto name = diagnosis::severity_name(static_cast<diagnosis::Severity>(s));
    ImGui::Text("%d %.*s", counts[s], static_cast<int>(name.size()), name.data());
    ImGui::PopStyleColor();
  }
  ImGui::BeginChild("##diagnosis_list", ImVec2(0, 0), ImGuiChildFlags_None);
  const float em = ImGui::GetFontSize();
  const float wrap = std::max(ImGui::GetContentRegionAvail().x - em * 0.6f, em * 6);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
  ImGui::TextUnformatted(d->verdict.c_str());
  ImGui::PopTextWrapPos();
  if (store.payload_budget_hit(state.session)) {
    ImGui::TextDisabled("(large session: payloads were read only up to %llu MiB)",
                        static_cast<unsigned long long>(DiagnosisStore::kPayloadBudgetBytes >> 20));
  }
  ImGui::Spacing();
  state.probe.finding_rows.assign(d->findings.size(), ProbeRect{});
  const ImGuiStyle& style = ImGui::GetStyle();
  for (size_t i = 0; i < d->findings.size(); ++i) {
    const diagnosis::Finding& f = d->findings[i];
    ImGui::PushID(static_cast<int>(i));
    const std::string spans = span_list_text(f);
    const float text_width = std::max(ImGui::GetContentRegionAvail().x - em * 0.9f, em * 6);
    const float line = ImGui::GetTextLineHeight();
    const float summary_h = ImGui::CalcTextSize(f.summary.c_str(), nullptr, false, text_width).y;
    const float row_h = line + style.ItemSpacing.y + summary_h + (spans.empty() ? 0 : style.ItemSpacing.y + line);
    const ImVec2 row_min = ImGui::GetCursorScreenPos();
    const bool focused = state.focused_finding == static_cast<int>(i);
    if (ImGui::Selectable("##finding", focused, ImGuiSelectableFlags_AllowOverlap, ImVec2(0, row_h))) {
      focus_finding(trace, *d, static_cast<int>(i), state);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Zoom the rail to this finding and select its first span");
    const ImVec2 row_max = ImGui::GetItemRectMax();
    if (ImGui::IsItemVisible()) state.probe.finding_rows[i] = {row_min.x, row_min.y, row_max.x, row_max.y};
    if (focused && scrolled_to_ != state.focused_finding) {
      ImGui::SetScrollHereY(0.3f);
      scrolled_to_ = state.focused_finding;
    }
    const ImVec2 after = ImGui::GetCursorScreenPos();
    // The row's text, over the selectable: severity bar, kind and severity, summary, spans.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(row_min, ImVec2(row_min.x + std::round(em * 0.25f), row_max.y), severity_color(f.severity), 2);
    ImGui::SetCursorScreenPos(ImVec2(row_min.x + em * 0.6f, row_min.y));
    ImGui::BeginGroup();
    ImGui::PushFont(fonts.bold);
    ImGui::TextUnformatted(finding_kind_label(f.kind));
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, severity_color(f.severity));
    const auto severity = diagnosis::severity_name(f.severity);
    ImGui::Text("%.*s", static_cast<int>(severity.size()), severity.data());
    ImGui::PopStyleColor();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + text_width);
    ImGui::TextUnformatted(f.summary.c_str());
    ImGui::PopTextWrapPos();
    if (!spans.empty()) ImGui::TextDisabled("%s", spans.c_str());
    ImGui::EndGroup();
    ImGui::SetCursorScreenPos(after);
    if (f.cause_span < trace.spans.size()) {
      ImGui::Indent(em * 0.6f);
      char label[64];
      std::snprintf(label, sizeof label, "Caused by span %u", f.cause_span);
      if (ImGui::SmallButton(label)) {
        focus_finding(trace, *d, static_cast<int>(i), state);
        state.select(f.cause_span, d->session);
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Select the span that led to this finding");
      ImGui::Unindent(em * 0.6f);
    }
    if (!f.evidence.empty()) {
      ImGui::Indent(em * 0.6f);
      if (ImGui::TreeNodeEx("##evidence", ImGuiTreeNodeFlags_SpanAvailWidth, "Evidence (%zu)", f.evidence.size())) {
        ImGui::PushFont(fonts.mono);
        for (const std::string& e : f.evidence) {
          ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(ImGui::GetContentRegionAvail().x, em * 6));
          ImGui::TextUnformatted(e.c_str());
          ImGui::PopTextWrapPos();
        }
        ImGui::PopFont();
        ImGui::TreePop();
      }
      ImGui::Unindent(em * 0.6f);
    }
    ImGui::Spacing();
    ImGui::PopID();
  }
  if (state.focused_finding < 0) scrolled_to_ = -1;
  ImGui::EndChild();
}

}  // namespace agentreel::viewer
