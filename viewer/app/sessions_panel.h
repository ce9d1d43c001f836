// The sessions list: one row per session (id, start, duration, span count, errors, cost, diagnosis findings as
// one chip per kind with the verdict in the tooltip, the count of secrets its records hold), sortable by any
// column; clicking a row shows that session on the rail. ImGui only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/diagnosis/diagnosis_store.h"
#include "app/document.h"
#include "app/secrets/secret_store.h"
#include "app/text/session_start_text.h"
#include "app/theme.h"
#include "app/view_state.h"
#include "model/model_cost.h"

namespace agentreel::viewer {

class SessionsPanel {
 public:
  void reset();
  void draw(const Document& doc, const DiagnosisStore& diagnosis, const SecretStore& secrets, ViewState& state,
            const Fonts& fonts);

 private:
  void sort(const Document& doc, const DiagnosisStore& diagnosis, int column, bool ascending);
  void draw_findings_cell(const DiagnosisStore& diagnosis, uint32_t session, const Fonts& fonts);
  // A key and the count of distinct secrets, when the session's records hold any.
  void draw_secrets_chip(const Document& doc, const SecretStore& secrets, uint32_t session, const Fonts& fonts);

  // The name a session is shown by: its title (model/session_summary.h), else its id; made when first drawn.
  const std::string& label_of(const Document& doc, uint32_t session);

  // The Cost column: the known calls' sum, "≥" when some call's price is unknown, "?" when none is known.
  void draw_cost_cell(const CostTotal& cost);

  std::vector<uint32_t> order_;   // session indices in display order
  std::vector<CostTotal> costs_;  // by session index (model/model_cost.h)
  std::vector<std::string> labels_;
  std::vector<uint8_t> labelled_;
  StartPrecision start_precision_ = StartPrecision::full;  // how much of each start the "Started" cells show
  std::string start_day_;  // the one UTC day every wall-clock session starts on, shown in the title; or ""
};

}  // namespace agentreel::viewer
