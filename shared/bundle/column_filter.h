// Column filter of codec 2 (`kCodecZstdColumns`): a size-preserving, reversible rearrangement of an index
// section's fixed-width columns (delta of sorted integers, then byte planes) so that zstd sees runs of
// similar bytes. The layout of each section's columns is fixed by its tag (docs/bundle-format.md,
// "Codec 2"). Pure byte transforms: no zstd, no I/O.
#pragma once

#include <string>

#include "bundle/bundle_format.h"
#include "core/status.h"

namespace agentreel {

// Whether sections with this tag are written with codec 2 (SPAN, PREF, ATTR, STRS).
bool has_column_filter(SectionTag tag);
// Content (as encode_* writes it) -> filtered bytes of the same size. Fails on content whose count does
// not fit its size (the writer never produces that).
Status filter_columns(SectionTag tag, std::string& content);
// Filtered bytes -> content, in place. Fails with corrupt_structure naming the section when the leading
// count does not fit the section's size.
Status unfilter_columns(SectionTag tag, std::string& bytes);

}  // namespace agentreel
