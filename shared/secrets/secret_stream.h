// Scanning a stream fed in chunks of any size (a log file, an input of a bundle) with memory bounded by the
// scanner's reach, not the stream's size. Bytes come back in settled stretches together with the secrets inside
// them: a stretch is settled once no later byte can change what was found in it, so a finding never straddles two
// stretches. Chunk edges never change the result: feeding one byte at a time gives what find_secrets gives on
// the whole stream.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "secrets/scanner.h"

namespace agentreel::secrets {

class SecretStream {
 public:
  // `offset` is where `bytes` starts in the stream; findings carry stream offsets, all within the stretch.
  using Settled = std::function<void(uint64_t offset, std::string_view bytes, std::span<const Finding> findings)>;

  // `step`: bytes gathered beyond the scanner's lookahead before a scan pass (few large passes; tests pass small
  // steps to put pass edges everywhere).
  SecretStream(const Scanner& scanner, Settled settled, size_t step = 256 * 1024);
  void feed(std::string_view chunk);
  // The end of the stream: settles everything left.
  void finish();
  uint64_t size() const { return stream_end(); }

 private:
  void advance(bool at_end);
  uint64_t stream_end() const { return window_offset_ + window_.size(); }

  const Scanner& scanner_;
  Settled settled_;
  size_t step_;
  std::string window_;  // stream bytes [window_offset_, stream_end())
  uint64_t window_offset_ = 0;
  uint64_t scanned_to_ = 0;       // triggers before this offset have been run
  uint64_t settled_to_ = 0;       // bytes before this offset have been handed out
  std::vector<Finding> pending_;  // candidates (stream offsets) that may still merge with later ones
  std::vector<Finding> scratch_;
};

}  // namespace agentreel::secrets
