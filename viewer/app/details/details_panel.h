// The details of the selected span: name, kind, status, times, parent, flags, attributes, and its begin and
// end records as text (pretty-printed JSON or raw), read from the bundle once per selection. ImGui only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/audit/audit_store.h"
#include "app/details/text_view.h"
#include "app/document.h"
#include "app/theme.h"
#include "app/view_state.h"

namespace agentreel::viewer {

class DetailsPanel {
 public:
  void reset();
  void draw(const Document& doc, ViewState& state, const Fonts& fonts);
  // The shown session's policy audit for the next draw (nullptr while not replayed yet): the selected call's
  // policies and reasons, and whether the replay agrees with a recorded denial.
  void set_audit(const SessionPolicies* audit) { audit_ = audit; }
  // Open the end record's tab first when a span has one (default: the begin record).
  void set_prefer_end_record(bool prefer) { prefer_end_ = prefer; }
  // For tests and the state JSON: the secrets the shown span's records hold, in words ("" when none).
  const std::string& secrets_phrase() const { return secrets_phrase_; }

 private:
  struct Payload {
    bool present = false;  // the span has this record
    bool loaded = false;
    std::string raw;     // the record's exact bytes
    std::string pretty;  // re-indented JSON (newlines expanded or not, as shown_expand_); empty: not JSON
    std::string error;   // read_record failure, shown instead of text
  };
  void load(const Document& doc, uint32_t span);
  void draw_properties(const Document& doc, ViewState& state, const Fonts& fonts, uint32_t span);
  void draw_payloads(const Fonts& fonts, UiProbe& probe);
  void show_payload(int which);
  void format_pretty(Payload& p) const;

  uint32_t span_ = UINT32_MAX;  // the span the payloads belong to
  Payload payloads_[3];         // 0 = begin record, 1 = end record, 2 = the span's facts in words (model/span_facts.h)
  int shown_ = -1;              // which payload text_ holds, and in which form
  bool shown_pretty_ = false;
  bool shown_expand_ = false;
  int tab_ = 0;
  bool prefer_end_ = false;
  bool pretty_ = true;
  bool expand_newlines_ = true;
  bool wrap_ = true;
  TextView text_;
  const SessionPolicies* audit_ = nullptr;
  // The secrets in the span's records, as `agentreel secrets` would count them: "2 secrets (1 API key, 1 .env
  // value)", and each one's kind and masked preview; empty when none.
  std::string secrets_phrase_;
  std::vector<std::string> secrets_found_;
};

}  // namespace agentreel::viewer
