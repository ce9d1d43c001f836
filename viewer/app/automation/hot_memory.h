// What an opened bundle holds in memory per span, by array: the figure the viewer's memory target is about
// ("hot memory": payloads stay compressed until expanded). Counts capacities, not sizes: growth slack is held
// too. The bench reports it beside RSS / the wasm heap, which also hold caches, fonts and the allocator's lists.
#pragma once

#include <cstdint>

namespace agentreel::viewer {

class Document;

struct HotMemory {
  uint64_t span_columns = 0;  // start, duration, parent, name, kind, status, flags
  uint64_t record_refs = 0;   // the two packed RecordRefColumns
  uint64_t attributes = 0;    // the packed AttributeColumn
  uint64_t strings = 0;       // the string table's offsets and bytes
  uint64_t layout = 0;        // SpanLayout: depth, lane, has_children and every session's lane tables
  uint64_t total() const { return span_columns + record_refs + attributes + strings + layout; }
};

HotMemory hot_memory(const Document& document);

}  // namespace agentreel::viewer
