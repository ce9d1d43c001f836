// Merges the lanes' event streams into one log in timestamp order (a k-way merge over a min-heap) and writes
// it to the sink. Memory is O(runs): each lane holds only its current step's lines.
#pragma once

#include <cstdint>

#include "agenteye_gen/generator_options.h"
#include "agenteye_gen/output_sink.h"

namespace agentreel::gen {

struct GenerationStats {
  uint64_t lines = 0;
  uint64_t spans = 0;
  uint64_t sessions = 0;
  uint64_t bytes = 0;
};

GenerationStats generate_interleaved_log(const GeneratorOptions& options, OutputSink& sink);

}  // namespace agentreel::gen
