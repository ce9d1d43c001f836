// BundleWriter with a pluggable BlockCompressor (as the CLI's thread pool): blocks finishing late still
// land in stream order, the bundle is byte-identical to inline compression, and a failure is reported.
#include <catch2/catch.hpp>
#include <deque>

#include "bundle/bundle_writer.h"
#include "test_support.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

// Completes a block only when asked to wait, or once `lag` younger blocks are queued: the writer sees
// blocks finish late, as with worker threads.
class LaggingCompressor final : public BlockCompressor {
 public:
  explicit LaggingCompressor(size_t lag, bool fail = false) : lag_(lag), fail_(fail) {}
  void submit(std::string raw, const RawBlockParams& params) override {
    queue_.push_back({std::move(raw), params});
    max_queued_ = std::max(max_queued_, queue_.size());
  }
  bool next(Block& out, bool wait) override {
    if (queue_.empty() || (!wait && queue_.size() <= lag_)) return false;
    const auto [raw, params] = std::move(queue_.front());
    queue_.pop_front();
    out = {};
    out.raw_size = raw.size();
    if (fail_) {
      out.status = {ErrorCode::io, "injected compression failure"};
      return true;
    }
    out.status = encoder_.encode(raw, params, out.stored);
    return true;
  }
  size_t capacity() const override { return 3; }
  size_t max_queued_ = 0;

 private:
  std::deque<std::pair<std::string, RawBlockParams>> queue_;
  RawBlockEncoder encoder_;
  size_t lag_;
  bool fail_;
};

std::vector<NamedInput> inputs() {
  const std::string base = read_file(data_path("agenteye/interleaved.jsonl"));
  std::string big;
  while (big.size() < (5u << 20)) big += base;  // several blocks of 1 MiB
  return {{"a.jsonl", base}, {"big.jsonl", big}, {"c.jsonl", base}};
}

}  // namespace

TEST_CASE("a block compressor that finishes late gives the same bundle as inline compression") {
  const auto in = inputs();
  Converted inline_bundle = convert_in_memory(in);
  REQUIRE(inline_bundle.status.is_ok());
  for (size_t lag : {size_t(0), size_t(1), size_t(2), size_t(5)}) {
    INFO("lag " << lag);
    LaggingCompressor compressor(lag);
    ConvertOptions options;
    options.writer.block_compressor = &compressor;
    Converted pooled = convert_in_memory(in, 4093, options);
    REQUIRE(pooled.status.is_ok());
    CHECK(pooled.bundle == inline_bundle.bundle);
    CHECK(compressor.max_queued_ <= compressor.capacity());
    auto bundle = open_bytes(pooled.bundle);
    REQUIRE(bundle.is_ok());
    CHECK(bundle.value()->verify().problems.empty());
    for (size_t i = 0; i < in.size(); ++i) CHECK(export_bytes(*bundle.value(), i) == in[i].bytes);
  }
}

TEST_CASE("a block compressor's failure stops the conversion") {
  LaggingCompressor compressor(0, /*fail=*/true);
  ConvertOptions options;
  options.writer.block_compressor = &compressor;
  Converted pooled = convert_in_memory(inputs(), 1 << 20, options);
  CHECK_FALSE(pooled.status.is_ok());
  CHECK(pooled.status.message().find("injected") != std::string::npos);
}
