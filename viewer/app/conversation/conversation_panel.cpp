// The conversation view (see conversation_panel.h). Rows are laid out by RowHeights: each frame draws only
// the rows between the scroll position and the bottom of the panel, measures them, and corrects their stored
// height; a row above the view that changes height moves the scroll with it, so the text read does not jump.
#include "app/conversation/conversation_panel.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "app/audit/audit_look.h"
#include "app/secrets/secret_look.h"
#include "app/text/session_clock.h"
#include "app/text/time_format.h"
#include "core/line_diff.h"
#include "core/text.h"
#include "model/span_text.h"

namespace agentreel::viewer {
namespace {

constexpr ImU32 kPromptColor = IM_COL32(120, 200, 255, 255);
constexpr ImU32 kReplyColor = IM_COL32(170, 220, 150, 255);
constexpr ImU32 kWarnColor = IM_COL32(255, 190, 90, 255);
constexpr ImU32 kAddedColor = IM_COL32(120, 210, 120, 255);
constexpr ImU32 kRemovedColor = IM_COL32(240, 120, 110, 255);
constexpr size_t kExpandedLines = 400;  // beyond that the details panel shows the whole record

// The first `max_lines` lines of `text` (each cut to 400 bytes) and how many lines were left out.
std::string first_lines(std::string_view text, size_t max_lines, size_t& omitted) {
  std::string out;
  size_t lines = 0;
  size_t start = 0;
  omitted = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (lines < max_lines) {
      if (lines) out += '\n';
      out.append(utf8_prefix(text.substr(start, end - start), 400));
    } else {
      ++omitted;
    }
    ++lines;
    if (end == text.size()) break;
    start = end + 1;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string offset_text(const Trace& trace, uint32_t session, uint32_t span) {
  const Session& s = trace.sessions[session];
  return "+" + clock_duration_compact(session_clock(s.flags), trace.spans.start_ns[span] - s.start_ns);
}

const char* status_word(SpanStatus status) {
  switch (status) {
    case SpanStatus::error: return "failed";
    case SpanStatus::denied: return "denied";
    case SpanStatus::unfinished: return "no result";
    case SpanStatus::cancelled: return "interrupted";
    case SpanStatus::ok: break;
  }
  return "";
}

}  // namespace

void ConversationPanel::reset() {
  session_ = UINT32_MAX;
  doc_ = nullptr;
  rows_.clear();
  visible_.clear();
  heights_.assign(0, [](size_t) { return 0; });
  open_subagents_.clear();
  expanded_.clear();
  followed_span_ = kNoSpan;
  scroll_to_visible_ = -1;
  first_visible_ = -1;
  followed_row_ = -1;
  texts_.clear();
}

void ConversationPanel::rebuild(const Document& doc, uint32_t session) {
  doc_ = &doc;
  session_ = session;
  rows_ = build_conversation(doc.trace(), session);
  expanded_.clear();
  open_subagents_.clear();
  followed_span_ = kNoSpan;
  scroll_to_visible_ = -1;
  refold();
}

void ConversationPanel::refold() {
  visible_.clear();
  int skip_deeper_than = -1;
  for (uint32_t i = 0; i < rows_.size(); ++i) {
    const ConversationRow& row = rows_[i];
    if (skip_deeper_than >= 0 && row.depth > skip_deeper_than) continue;
    skip_deeper_than = -1;
    visible_.push_back(i);
    if (row.kind == TurnKind::subagent && !open_subagents_.count(row.span)) skip_deeper_than = row.depth;
  }
  heights_.assign(visible_.size(), [&](size_t v) { return uint32_t(std::ceil(estimate(rows_[visible_[v]]))); });
}

float ConversationPanel::estimate(const ConversationRow& row) const {
  const float line = line_height_ > 0 ? line_height_ : 18.0f;
  switch (row.kind) {
    case TurnKind::prompt: return line * 3.5f;
    case TurnKind::reply: return line * 4.5f;
    case TurnKind::call: return line * 2.4f;
    default: return line * 1.6f;
  }
}

void ConversationPanel::reveal(const Document& doc, uint32_t span) {
  followed_row_ = -1;
  const int64_t at = conversation_row_of(rows_, span);
  if (at < 0) return;
  // Open the subagents the row sits in.
  const Trace& trace = doc.trace();
  bool opened = false;
  for (uint32_t p = rows_[size_t(at)].span; p != kNoSpan; p = trace.spans.parent[p]) {
    if (trace.spans.kind[p] == SpanKind::agent && trace.spans.parent[p] != kNoSpan && p != rows_[size_t(at)].span) {
      opened |= open_subagents_.insert(p).second;
    }
  }
  if (opened) refold();
  auto it = std::upper_bound(visible_.begin(), visible_.end(), uint32_t(at));
  if (it == visible_.begin()) return;
  scroll_to_visible_ = int64_t(it - visible_.begin()) - 1;
  followed_row_ = scroll_to_visible_;
}

void ConversationPanel::draw(const Document& doc, ViewState& state, const Fonts& fonts, const SessionSecrets* secrets) {
  secrets_ = secrets;
  texts_.trim();
  const Trace& trace = doc.trace();
  if (&doc != doc_ || state.session != session_) {
    if (&doc != doc_) texts_.clear();
    line_height_ = ImGui::GetTextLineHeightWithSpacing();
    rebuild(doc, state.session);
  }
  line_height_ = ImGui::GetTextLineHeightWithSpacing();
  if (session_ >= trace.sessions.size()) return;

  // Follow a selection made elsewhere, and the playhead while it plays.
  if (state.selected_span != followed_span_) {
    followed_span_ = state.selected_span;
    if (state.selected_span != kNoSpan && trace.session_of(state.selected_span) == session_) {
      reveal(doc, state.selected_span);
    }
  }
  if (state.playing && state.playhead_ns >= 0) {
    const Session& s = trace.sessions[session_];
    const int64_t at_ns = s.start_ns + int64_t(state.playhead_ns);
    const auto begin = trace.spans.start_ns.begin() + s.first_span;
    const auto end = begin + s.span_count;
    const auto it = std::upper_bound(begin, end, at_ns);
    if (it != begin) reveal(doc, uint32_t(it - trace.spans.start_ns.begin()) - 1);
  }

  ImGui::PushFont(fonts.bold);
  ImGui::TextUnformatted("Conversation");
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::TextDisabled("%s", count_text(visible_.size(), "row").c_str());

  ImGui::BeginChild("##conversation_rows", ImVec2(0, 0), ImGuiChildFlags_None, ImGuiWindowFlags_None);
  const float view_height = ImGui::GetWindowHeight();
  float scroll = ImGui::GetScrollY();
  if (scroll_to_visible_ >= 0 && size_t(scroll_to_visible_) < visible_.size()) {
    const float top = float(heights_.y_of(size_t(scroll_to_visible_)));
    const float bottom = top + float(heights_.height(size_t(scroll_to_visible_)));
    if (top < scroll || bottom > scroll + view_height) {
      scroll = std::max(0.0f, top - view_height * 0.25f);
      ImGui::SetScrollY(scroll);
    }
    scroll_to_visible_ = -1;
  }
  float scroll_correction = 0;
  first_visible_ = visible_.empty() ? -1 : int64_t(heights_.row_at(uint64_t(scroll)));
  const float origin_y = ImGui::GetCursorPosY();
  for (size_t v = first_visible_ < 0 ? visible_.size() : size_t(first_visible_); v < visible_.size(); ++v) {
    const float y = origin_y + float(heights_.y_of(v));
    if (y > scroll + view_height) break;
    ImGui::SetCursorPosY(y);
    ImGui::PushID(int(v));
    draw_row(doc, state, fonts, v);
    ImGui::PopID();
    const uint32_t measured = uint32_t(std::ceil(std::max(1.0f, ImGui::GetCursorPosY() - y)));
    if (measured != heights_.height(v)) {
      if (y + 1 < scroll) scroll_correction += float(measured) - float(heights_.height(v));
      heights_.set(v, measured);
    }
  }
  ImGui::SetCursorPosY(origin_y + float(heights_.total()));
  ImGui::Dummy(ImVec2(1, 1));
  if (scroll_correction != 0) ImGui::SetScrollY(scroll + scroll_correction);
  ImGui::EndChild();
}

void ConversationPanel::draw_text_block(const std::string& text, size_t max_lines, ImFont* font, ImU32 color,
                                        bool expanded) {
  size_t omitted = 0;
  const std::string shown = first_lines(text, expanded ? kExpandedLines : max_lines, omitted);
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(shown.data(), shown.data() + shown.size());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
  if (omitted > 0) {
    ImGui::TextDisabled(expanded ? "\xE2\x80\xA6 %zu more lines: the Details panel has the whole record"
                                 : "\xE2\x80\xA6 %zu more lines",
                        omitted);
  }
}

void ConversationPanel::draw_row(const Document& doc, ViewState& state, const Fonts& fonts, size_t visible_index) {
  const Trace& trace = doc.trace();
  const uint32_t row_index = visible_[visible_index];
  const ConversationRow& row = rows_[row_index];
  const float em = ImGui::GetFontSize();
  const float indent = em * 1.4f * row.depth;
  const bool selected = state.selected_span == row.span;
  const bool expanded = expanded_.count(row_index) > 0;

  // The whole row is one selectable (its height from the last frame), drawn under the row's own widgets.
  const ImVec2 start = ImGui::GetCursorPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = std::max(float(heights_.height(visible_index)) - ImGui::GetStyle().ItemSpacing.y, em);
  // A click selects the row's span; a click on the selected row unfolds it (or folds it again).
  if (ImGui::Selectable("##row", selected, ImGuiSelectableFlags_AllowOverlap, ImVec2(width, height))) {
    if (selected && row.kind != TurnKind::subagent) {
      if (!expanded_.insert(row_index).second) expanded_.erase(row_index);
    }
    state.select(row.span, session_);
    followed_span_ = row.span;  // already on screen: no scrolling
    followed_row_ = int64_t(visible_index);
  }
  if (ImGui::IsItemHovered()) state.hovered_span = row.span;
  state.probe.conversation_rows.push_back(
      {uint32_t(visible_index),
       {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y}});
  ImGui::SetCursorPos(ImVec2(start.x + indent, start.y));
  ImGui::BeginGroup();
  ImGui::TextDisabled("%s", offset_text(trace, session_, row.span).c_str());
  ImGui::SameLine();
  if (const uint16_t kinds = secrets_ ? secrets_->kinds_of(row.span) : 0) {
    secret_key_item(doc, row.span, kinds);
    ImGui::SameLine();
  }
  if (audit_ && audit_->bits_of(row.span).any()) {
    policy_shield_item(*audit_, row.span);
    ImGui::SameLine();
  }
  switch (row.kind) {
    case TurnKind::prompt: {
      ImGui::PushFont(fonts.bold);
      ImGui::TextColored(ImColor(kPromptColor), "%s", trace.spans.kind[row.span] == SpanKind::human ? "You" : "Task");
      ImGui::PopFont();
      draw_text_block(texts_.text(doc, row.span, TextRole::prompt), 8, fonts.ui, ImGui::GetColorU32(ImGuiCol_Text),
                      expanded);
      break;
    }
    case TurnKind::thinking: {
      ImGui::TextDisabled("Thinking");
      draw_text_block(texts_.text(doc, row.span, TextRole::thinking, row.text_index), 2, fonts.ui, theme::kTextDim,
                      expanded);
      break;
    }
    case TurnKind::reply: {
      ImGui::PushFont(fonts.bold);
      ImGui::TextColored(ImColor(kReplyColor), "Assistant");
      ImGui::PopFont();
      if (row.text_index == 0) {
        if (auto model = trace.find_attribute(row.span, "model"); model && model->type == AttrType::string) {
          ImGui::SameLine();
          ImGui::TextDisabled("%s", std::string(trace.strings.get(StringId(model->value))).c_str());
        }
      }
      draw_text_block(texts_.text(doc, row.span, TextRole::reply, row.text_index), 12, fonts.ui,
                      ImGui::GetColorU32(ImGuiCol_Text), expanded);
      break;
    }
    case TurnKind::call: draw_call(doc, fonts, row, expanded); break;
    case TurnKind::subagent: {
      const bool open = open_subagents_.count(row.span) > 0;
      if (ImGui::ArrowButton("##open", open ? ImGuiDir_Down : ImGuiDir_Right)) {
        if (open)
          open_subagents_.erase(row.span);
        else
          open_subagents_.insert(row.span);
        refold();
        ImGui::EndGroup();
        return;  // the rows below moved: drawn next frame
      }
      ImGui::SameLine();
      ImGui::PushFont(fonts.bold);
      ImGui::TextUnformatted("Subagent");
      ImGui::PopFont();
      ImGui::SameLine();
      // Named by its task: the description on the call that started it, else its own prompt.
      const uint32_t call = trace.spans.parent[row.span];
      std::string title = call != kNoSpan ? texts_.text(doc, call, TextRole::description) : std::string();
      if (title.empty()) title = std::string(first_line(texts_.text(doc, row.span, TextRole::prompt), 200));
      if (title.empty()) title = std::string(trace.name_of(row.span));
      ImGui::TextUnformatted(title.c_str());
      break;
    }
    case TurnKind::denial: {
      ImGui::TextColored(ImColor(kWarnColor), "\xE2\x9C\x97 Blocked by %s",
                         std::string(trace.name_of(row.span)).c_str());
      std::string reason = texts_.text(doc, row.span, TextRole::reason);
      if (reason.empty()) {
        if (auto r = trace.find_attribute(row.span, "reason"); r && r->type == AttrType::string) {
          reason = trace.strings.get(StringId(r->value));
        }
      }
      if (!reason.empty()) draw_text_block(reason, 3, fonts.ui, kWarnColor, expanded);
      break;
    }
    case TurnKind::interruption: ImGui::TextColored(ImColor(kWarnColor), "Interrupted by the user"); break;
    case TurnKind::compaction: {
      ImGui::TextColored(ImColor(theme::kAccent), "Context compacted");
      if (auto tokens = trace.find_attribute(row.span, "pre_tokens"); tokens && tokens->type == AttrType::integer) {
        ImGui::SameLine();
        ImGui::TextDisabled("(%lld tokens before)", (long long)tokens->value);
      }
      const std::string& summary = texts_.text(doc, row.span, TextRole::summary);
      if (!summary.empty()) draw_text_block(summary, 2, fonts.ui, theme::kTextDim, expanded);
      break;
    }
    case TurnKind::error: {
      std::string message = texts_.text(doc, row.span, TextRole::error);
      if (message.empty()) {
        for (const char* key : {"message", "error"}) {
          if (auto a = trace.find_attribute(row.span, key); a && a->type == AttrType::string) {
            message = trace.strings.get(StringId(a->value));
            break;
          }
        }
      }
      ImGui::TextColored(ImColor(theme::kErrorText), "Error");
      if (!message.empty()) draw_text_block(message, 3, fonts.ui, theme::kErrorText, expanded);
      break;
    }
    case TurnKind::wait:
      ImGui::TextDisabled("Waited for a person: %s", format_duration(trace.spans.duration_ns[row.span]).c_str());
      break;
  }
  ImGui::EndGroup();
  ImGui::Dummy(ImVec2(0, em * 0.15f));
}

void ConversationPanel::draw_call(const Document& doc, const Fonts& fonts, const ConversationRow& row, bool expanded) {
  const Trace& trace = doc.trace();
  const uint32_t span = row.span;
  const SpanStatus status = trace.spans.status[span];
  const std::string_view action = span_action(trace, span);
  // How it ended, then what it did (wrapped: a long command stays readable in a narrow panel).
  std::string outcome = format_duration(trace.spans.duration_ns[span]);
  if (auto exit_code = trace.find_attribute(span, "exit_code");
      exit_code && exit_code->type == AttrType::integer && exit_code->value != 0) {
    outcome += " \xC2\xB7 exit " + std::to_string(exit_code->value);
  }
  if (status != SpanStatus::ok) outcome += std::string(" \xC2\xB7 ") + status_word(status);
  const ImU32 outcome_color = status == SpanStatus::error    ? theme::kErrorText
                              : status == SpanStatus::denied ? kWarnColor
                                                             : theme::kTextDim;
  ImGui::TextColored(ImColor(outcome_color), "%s", outcome.c_str());
  ImGui::PushFont(action == "shell" ? fonts.mono : fonts.ui);
  const std::string& summary = texts_.summary(doc, span);
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(summary.data(), summary.data() + summary.size());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();

  // Its result, folded to two lines (the error or the denial's reason when there is one).
  const std::string& output = texts_.text(doc, span, TextRole::output);
  const ImU32 output_color = status == SpanStatus::error    ? theme::kErrorText
                             : status == SpanStatus::denied ? kWarnColor
                                                            : theme::kTextDim;
  if (!output.empty()) draw_text_block(output, expanded ? kExpandedLines : 2, fonts.mono, output_color, expanded);
  if (!expanded) return;
  // In full: an edit's change as a diff, a written file's first lines.
  if (action == "edit") {
    const std::string& old_text = texts_.text(doc, span, TextRole::old_text);
    const std::string& new_text = texts_.text(doc, span, TextRole::new_text);
    if (!old_text.empty() || !new_text.empty()) {
      ImGui::PushFont(fonts.mono);
      size_t shown = 0;
      for (const DiffLine& line : line_diff(old_text, new_text)) {
        if (++shown > kExpandedLines) break;
        const char* mark = line.op == DiffLine::Op::added ? "+ " : line.op == DiffLine::Op::removed ? "- " : "  ";
        const ImU32 color = line.op == DiffLine::Op::added     ? kAddedColor
                            : line.op == DiffLine::Op::removed ? kRemovedColor
                                                               : theme::kTextDim;
        ImGui::PushStyleColor(ImGuiCol_Text, color);
        ImGui::TextUnformatted(mark);
        ImGui::SameLine(0, 0);
        ImGui::TextUnformatted(line.text.data(), line.text.data() + line.text.size());
        ImGui::PopStyleColor();
      }
      ImGui::PopFont();
    }
  } else if (action == "write") {
    const std::string& content = texts_.text(doc, span, TextRole::new_text);
    if (!content.empty()) draw_text_block(content, 40, fonts.mono, kAddedColor, true);
  }
}

}  // namespace agentreel::viewer
