// Packed RecordRef column (see record_ref_column.h).
#include "model/record_ref_column.h"

namespace agentreel {

void RecordRefColumn::push_back(RecordRef ref) {
  if (size_ % kGroup == 0) {
    group_start_.push_back(bytes_.size());
    predicted_ = 0;
  }
  ++size_;
  if (ref.length == 0 && ref.offset == 0) {
    bytes_.push_back(0);
    return;
  }
  uint8_t* end = write_varint(bytes_.append_space(20), uint64_t(ref.length) + 1);
  end = write_varint(end, zigzag_encode(ref.offset - predicted_));  // wraps modulo 2^64 both ways
  bytes_.commit(end);
  predicted_ = ref.offset + ref.length;
}

RecordRef RecordRefColumn::operator[](size_t index) const {
  const uint8_t* p = bytes_.data() + group_start_[index / kGroup];
  uint64_t predicted = 0;
  for (size_t skip = index % kGroup; skip > 0; --skip) decode(p, predicted);
  return decode(p, predicted);
}

void RecordRefColumn::resize(size_t n) {
  if (n < size_) {
    RecordRefColumn kept;
    for_each(0, n, [&](size_t, RecordRef ref) { kept.push_back(ref); });
    *this = std::move(kept);
    return;
  }
  while (size_ < n) push_back(RecordRef{});
}

void RecordRefColumn::reserve(size_t refs, size_t bytes) {
  bytes_.reserve(bytes);
  group_start_.reserve((refs + kGroup - 1) / kGroup);
}

void RecordRefColumn::shrink_to_fit() {
  bytes_.shrink_to_fit();
  group_start_.shrink_to_fit();
}

void RecordRefColumn::clear() { *this = RecordRefColumn(); }

}  // namespace agentreel
