// The detectors, one file each (detect_*.cpp): each reads one session through its SessionView and appends its
// findings, phrased by finding_words. diagnose_session runs them in this order; later ones read earlier findings
// (an error inside a loop is the loop's evidence, a turn that ended inside a loop is the loop's).
#pragma once

#include <vector>

#include "diagnosis/diagnosis.h"
#include "diagnosis/session_view.h"

namespace agentreel::diagnosis {

void detect_loops(SessionView& view, std::vector<Finding>& findings);
void detect_blocked(SessionView& view, std::vector<Finding>& findings);
void detect_bypass(SessionView& view, std::vector<Finding>& findings);
void detect_errors(SessionView& view, std::vector<Finding>& findings);
void detect_gave_up(SessionView& view, std::vector<Finding>& findings);
void detect_unfinished(SessionView& view, std::vector<Finding>& findings);
void detect_stalls(SessionView& view, std::vector<Finding>& findings);  // stall and waiting
void detect_compaction(SessionView& view, std::vector<Finding>& findings);
void detect_drift(SessionView& view, std::vector<Finding>& findings);
void detect_model_switch(SessionView& view, std::vector<Finding>& findings);

}  // namespace agentreel::diagnosis
