// Packed attribute rows (see attribute_column.h).
#include "model/attribute_column.h"

namespace agentreel {

bool AttributeColumn::push_back(const Attribute& row) {
  if (size_ > 0 && row.span < last_span_) return false;
  const size_t group = row.span / kGroup;
  const bool new_group = group_start_.size() <= group;
  while (group_start_.size() <= group) group_start_.push_back(bytes_.size());
  const uint32_t previous = new_group ? uint32_t(group * kGroup) : last_span_;
  uint8_t* end = write_varint(bytes_.append_space(32), row.span - previous);
  end = write_varint(end, uint64_t(row.key) << 2 | uint64_t(row.type));
  const uint64_t value = uint64_t(row.value);
  if (row.type == AttrType::real) {
    for (int i = 0; i < 8; ++i) *end++ = uint8_t(value >> (8 * i));
  } else if (row.type == AttrType::string) {
    end = write_varint(end, value);
  } else {
    end = write_varint(end, zigzag_encode(value));
  }
  bytes_.commit(end);
  last_span_ = row.span;
  ++size_;
  return true;
}

std::vector<Attribute> AttributeColumn::rows_of(uint32_t span) const {
  std::vector<Attribute> out;
  for_each_of(span, [&](const Attribute& row) { out.push_back(row); });
  return out;
}

std::vector<Attribute> AttributeColumn::rows() const {
  std::vector<Attribute> out;
  out.reserve(size_);
  for_each([&](const Attribute& row) { out.push_back(row); });
  return out;
}

void AttributeColumn::reserve(size_t bytes) { bytes_.reserve(bytes); }

void AttributeColumn::shrink_to_fit() {
  bytes_.shrink_to_fit();
  group_start_.shrink_to_fit();
}

void AttributeColumn::clear() { *this = AttributeColumn(); }

}  // namespace agentreel
