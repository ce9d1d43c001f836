// Builds the final Trace from what readers reported (see trace_builder.h).
#include "model/trace_builder.h"

#include <algorithm>
#include <cstdlib>
#include <numeric>

namespace agentreel {
namespace {
// |a - b| without signed overflow: two valid timestamps (1677..2262) can be more than INT64_MAX ns apart;
// the distance saturates at INT64_MAX (a span ~292 years long) instead of wrapping (found by fuzz_agenteye).
int64_t distance_ns(int64_t a, int64_t b) {
  int64_t d = 0;
  if (__builtin_sub_overflow(a, b, &d) || d == INT64_MIN) return INT64_MAX;
  return d < 0 ? -d : d;
}
}  // namespace

uint32_t TraceBuilder::begin_input(InputFile input) {
  inputs_.push_back(std::move(input));
  return uint32_t(inputs_.size() - 1);
}

uint32_t TraceBuilder::session(std::string_view external_id) {
  // Sessions are global by id: a hook log and a transcript of the same session merge into one.
  auto [it, inserted] = session_index_.try_emplace(std::string(external_id), uint32_t(sessions_.size()));
  if (inserted) {
    sessions_.push_back({strings_.intern(external_id), inputs_.empty() ? 0u : uint32_t(inputs_.size() - 1)});
  }
  return it->second;
}

SpanHandle TraceBuilder::open_span(const SpanOpen& span) {
  spans_.push_back({span.start_ns, span.start_ns, span.session, span.parent, strings_.intern(span.name), span.kind,
                    SpanStatus::ok, span.flags, false, span.record, RecordRef{}});
  return SpanHandle(spans_.size() - 1);
}

void TraceBuilder::close_span(SpanHandle span, int64_t end_ns, SpanStatus status, RecordRef record) {
  PendingSpan& s = spans_[span];
  s.end_ns = end_ns;
  if (s.status == SpanStatus::ok) s.status = status;
  s.closed = true;
  s.end_record = record;
}

SpanHandle TraceBuilder::add_span(const SpanOpen& span, int64_t end_ns, SpanStatus status) {
  const SpanHandle handle = open_span(span);
  PendingSpan& s = spans_[handle];
  s.end_ns = end_ns;
  s.status = status;
  s.closed = true;
  if (end_ns == span.start_ns) s.flags |= kFlagInstant;
  return handle;
}

void TraceBuilder::set_parent(SpanHandle child, SpanHandle parent) { spans_[child].parent = parent; }
void TraceBuilder::set_status(SpanHandle span, SpanStatus status) { spans_[span].status = status; }

void TraceBuilder::attribute(SpanHandle span, std::string_view key, int64_t value) {
  attributes_.push_back(Attribute::make(span, strings_.intern(key), AttrType::integer, value));
}

void TraceBuilder::attribute(SpanHandle span, std::string_view key, std::string_view value) {
  attributes_.push_back(Attribute::make(span, strings_.intern(key), AttrType::string, int64_t(strings_.intern(value))));
}

void TraceBuilder::text(SpanHandle span, TextRole role, RecordRef record, std::string_view json_pointer) {
  texts_.push_back({span, role, record, strings_.intern(json_pointer)});
}

void TraceBuilder::skip(SkippedRecord record) {
  if (!inputs_.empty()) ++inputs_.back().skipped;
  skipped_.push_back(std::move(record));
}

namespace {
// Spans a nearest-in-time link may pick: same session, kind and name.
struct NearestKey {
  uint32_t session;
  SpanKind kind;
  StringId name;
  bool operator==(const NearestKey&) const = default;
};
struct NearestKeyHash {
  size_t operator()(const NearestKey& k) const noexcept {
    return (size_t(k.session) * 0x9E3779B97F4A7C15ull) ^ (size_t(k.name) << 8) ^ size_t(k.kind);
  }
};
}  // namespace

void TraceBuilder::publish(SpanHandle span, std::string_view key) {
  published_.emplace(SessionKey{spans_[span].session, std::string(key)}, span);  // first publisher wins
}

void TraceBuilder::link_parent(SpanHandle child, std::string_view key) {
  key_links_.emplace_back(child, SessionKey{spans_[child].session, std::string(key)});
}

void TraceBuilder::link_parent_nearest(SpanHandle child, SpanKind kind, std::string_view name, int64_t at_ns,
                                       int64_t max_distance_ns) {
  nearest_links_.push_back({child, kind, strings_.intern(name), at_ns, max_distance_ns});
}

void TraceBuilder::resolve_links(BuildStats& stats) {
  for (const auto& [child, key] : key_links_) {
    auto it = published_.find(key);
    if (it != published_.end() && it->second != child) {
      spans_[child].parent = it->second;
      ++stats.links_resolved;
    } else {
      ++stats.links_unresolved;
    }
  }
  if (!nearest_links_.empty()) {
    // Candidates per (session, kind, name), sorted by start, for a binary search per link.
    std::unordered_map<NearestKey, std::vector<SpanHandle>, NearestKeyHash> candidates;
    for (SpanHandle h = 0; h < spans_.size(); ++h) {
      const PendingSpan& s = spans_[h];
      candidates[NearestKey{s.session, s.kind, s.name}].push_back(h);
    }
    for (auto& [key, list] : candidates) {
      std::stable_sort(list.begin(), list.end(),
                       [&](SpanHandle a, SpanHandle b) { return spans_[a].start_ns < spans_[b].start_ns; });
    }
    for (const NearestLink& link : nearest_links_) {
      const PendingSpan& child = spans_[link.child];
      auto it = candidates.find(NearestKey{child.session, link.kind, link.name});
      SpanHandle best = kNoSpan;
      int64_t best_distance = INT64_MAX;
      if (it != candidates.end()) {
        const auto& list = it->second;
        auto pos = std::lower_bound(list.begin(), list.end(), link.at_ns,
                                    [&](SpanHandle h, int64_t t) { return spans_[h].start_ns < t; });
        for (auto probe : {pos, pos == list.begin() ? pos : pos - 1}) {
          if (probe == list.end() || *probe == link.child) continue;
          const int64_t distance = distance_ns(spans_[*probe].start_ns, link.at_ns);
          if (distance < best_distance) {
            best_distance = distance;
            best = *probe;
          }
        }
      }
      if (best != kNoSpan && best_distance <= link.max_distance_ns) {
        spans_[link.child].parent = best;
        ++stats.links_resolved;
      } else {
        ++stats.links_unresolved;
      }
    }
  }
  // A denied hook makes the call it judged denied: the rail shows the block on the call itself.
  for (PendingSpan& s : spans_) {
    if (s.kind == SpanKind::hook && s.status == SpanStatus::denied && s.parent != kNoSpan && s.parent < spans_.size() &&
        spans_[s.parent].kind == SpanKind::tool) {
      spans_[s.parent].status = SpanStatus::denied;
    }
  }
}

void TraceBuilder::nest_attempts() {
  if (attempts_.size() < 2) return;
  const size_t n = spans_.size();
  std::vector<std::vector<SpanHandle>> by_session(sessions_.size());
  for (SpanHandle a : attempts_) {
    if (a < n && spans_[a].parent == kNoSpan) by_session[spans_[a].session].push_back(a);
  }
  // Each span's attempt is its top ancestor when that is an attempt (the guard stops at a cycle, cut later).
  std::vector<uint32_t> rank(n, 0);
  auto top_of = [&](SpanHandle h) {
    for (size_t guard = 0; spans_[h].parent != kNoSpan && spans_[h].parent < n && guard < n; ++guard) {
      h = spans_[h].parent;
    }
    return h;
  };
  for (std::vector<SpanHandle>& list : by_session) {
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    if (list.size() < 2) continue;
    // Time order. Runs without a wall clock all start at 0 and carry no time to order them: then by the input's
    // stored path, its content, and the report order, so the same files give the same attempts in any order.
    const auto input_of = [&](RecordRef r) -> const InputFile* {
      for (size_t i = inputs_.size(); i-- > 0;) {
        if (inputs_[i].stream_offset <= r.offset) return &inputs_[i];
      }
      return nullptr;
    };
    std::stable_sort(list.begin(), list.end(), [&](SpanHandle a, SpanHandle b) {
      if (spans_[a].start_ns != spans_[b].start_ns) return spans_[a].start_ns < spans_[b].start_ns;
      const RecordRef ra = spans_[a].begin_record, rb = spans_[b].begin_record;
      const InputFile *ia = input_of(ra), *ib = input_of(rb);
      if (ia && ib && ia != ib) {
        if (ia->path != ib->path) return ia->path < ib->path;
        if (ia->content_hash != ib->content_hash) return ia->content_hash < ib->content_hash;
      }
      return ra.offset < rb.offset;
    });
    for (uint32_t k = 0; k < list.size(); ++k) rank[list[k]] = k + 1;
    // Extent of each attempt's spans; those without a wall clock are laid end to end.
    std::vector<int64_t> first(list.size(), INT64_MAX), last(list.size(), INT64_MIN);
    std::vector<SpanHandle> members;
    std::vector<uint32_t> member_attempt;
    for (SpanHandle h = 0; h < n; ++h) {
      if (spans_[h].session != spans_[list[0]].session) continue;
      const SpanHandle top = top_of(h);
      if (rank[top] == 0) continue;
      members.push_back(h);
      member_attempt.push_back(rank[top] - 1);
    }
    const bool ordinal = (spans_[list[0]].flags & kFlagOrdinalTime) != 0;
    int64_t shift = 0;
    for (uint32_t k = 0; k < list.size(); ++k) {
      if (ordinal && k > 0) {
        shift = last[k - 1] == INT64_MIN ? 0 : last[k - 1] - spans_[list[k]].start_ns;
        for (size_t m = 0; m < members.size(); ++m) {
          if (member_attempt[m] != k) continue;
          spans_[members[m]].start_ns += shift;
          spans_[members[m]].end_ns += shift;
        }
      }
      for (size_t m = 0; m < members.size(); ++m) {
        if (member_attempt[m] != k) continue;
        const PendingSpan& s = spans_[members[m]];
        first[k] = std::min(first[k], s.start_ns);
        last[k] = std::max({last[k], s.start_ns, s.closed ? s.end_ns : s.start_ns});
      }
    }
    PendingSpan run = spans_[list[0]];
    run.start_ns = first[0];
    run.end_ns = *std::max_element(last.begin(), last.end());
    run.closed = true;
    run.status = SpanStatus::ok;
    run.flags = 0;
    for (SpanHandle a : list) run.flags |= spans_[a].flags & kSessionClockFlags;
    run.begin_record = {};  // the run has no record of its own: each attempt keeps its document
    run.end_record = {};
    const SpanHandle run_handle = SpanHandle(spans_.size());
    spans_.push_back(run);
    // The run keeps what names the task (its goal, working directory, the first attempt's title and prompt).
    const size_t attribute_count = attributes_.size();
    for (size_t i = 0; i < attribute_count; ++i) {
      const Attribute a = attributes_[i];
      if (a.span != list[0]) continue;
      const std::string_view key = strings_.get(a.key);
      if (key == "goal" || key == "cwd" || key == "git_branch") {
        attributes_.push_back(a);
        attributes_.back().span = run_handle;
      }
    }
    const size_t text_count = texts_.size();
    for (size_t i = 0; i < text_count; ++i) {
      const TextRef t = texts_[i];
      if (t.span != list[0] || (t.role != TextRole::title && t.role != TextRole::prompt)) continue;
      texts_.push_back(t);
      texts_.back().span = run_handle;
    }
    for (uint32_t k = 0; k < list.size(); ++k) {
      PendingSpan& attempt = spans_[list[k]];
      attempt.parent = run_handle;
      attempt.name = strings_.intern("attempt " + std::to_string(k + 1));
      attribute(list[k], "attempt", int64_t(k + 1));
    }
  }
  attempts_.clear();
}

Trace TraceBuilder::build(BuildStats* stats_out) {
  BuildStats stats;
  resolve_links(stats);
  nest_attempts();
  const size_t n = spans_.size();

  // 1. Parent links: drop links across sessions and links that close a cycle.
  for (size_t i = 0; i < n; ++i) {
    SpanHandle& p = spans_[i].parent;
    if (p != kNoSpan && (p >= n || p == i || spans_[p].session != spans_[i].session)) p = kNoSpan;
  }
  {
    std::vector<uint8_t> state(n, 0);  // 0 unvisited, 1 on the current path, 2 done
    std::vector<SpanHandle> path;
    for (size_t start = 0; start < n; ++start) {
      SpanHandle at = SpanHandle(start);
      while (at != kNoSpan && state[at] == 0) {
        state[at] = 1;
        path.push_back(at);
        const SpanHandle next = spans_[at].parent;
        if (next != kNoSpan && state[next] == 1) {  // cycle: cut the link that closes it
          spans_[at].parent = kNoSpan;
          ++stats.parent_cycles;
          break;
        }
        at = next;
      }
      for (SpanHandle h : path) state[h] = 2;
      path.clear();
    }
  }

  // 2. Each session's last event, then unfinished spans end there.
  std::vector<int64_t> session_last(sessions_.size(), INT64_MIN);
  for (const PendingSpan& s : spans_) {
    session_last[s.session] = std::max({session_last[s.session], s.start_ns, s.closed ? s.end_ns : s.start_ns});
  }
  for (PendingSpan& s : spans_) {
    if (!s.closed) {
      s.end_ns = std::max(s.start_ns, session_last[s.session]);
      s.status = SpanStatus::unfinished;
      ++stats.unfinished;
    }
    if (s.end_ns < s.start_ns) {
      s.end_ns = s.start_ns;
      s.flags |= kFlagClockRepaired;
      ++stats.clock_repairs;
    }
  }

  // 3. Parents grow to cover their children, deepest first, so the rail nests cleanly.
  std::vector<uint32_t> depth(n, 0);
  for (size_t i = 0; i < n; ++i) {
    uint32_t d = 0;
    for (SpanHandle p = spans_[i].parent; p != kNoSpan; p = spans_[p].parent) ++d;
    depth[i] = d;
  }
  std::vector<uint32_t> by_depth(n);
  std::iota(by_depth.begin(), by_depth.end(), 0u);
  std::stable_sort(by_depth.begin(), by_depth.end(), [&](uint32_t a, uint32_t b) { return depth[a] > depth[b]; });
  for (uint32_t i : by_depth) {
    const SpanHandle p = spans_[i].parent;
    if (p == kNoSpan) continue;
    PendingSpan& parent = spans_[p];
    const PendingSpan& child = spans_[i];
    if (child.start_ns < parent.start_ns || child.end_ns > parent.end_ns) {
      parent.start_ns = std::min(parent.start_ns, child.start_ns);
      parent.end_ns = std::max(parent.end_ns, child.end_ns);
      parent.flags |= kFlagClockRepaired;
      ++stats.clock_repairs;
    }
  }

  // 4. Order: sessions by first start; spans by (session rank, start, report order).
  std::vector<int64_t> session_first(sessions_.size(), INT64_MAX);
  for (const PendingSpan& s : spans_) session_first[s.session] = std::min(session_first[s.session], s.start_ns);
  std::vector<uint32_t> session_order(sessions_.size());
  std::iota(session_order.begin(), session_order.end(), 0u);
  std::stable_sort(session_order.begin(), session_order.end(),
                   [&](uint32_t a, uint32_t b) { return session_first[a] < session_first[b]; });
  std::vector<uint32_t> session_rank(sessions_.size());
  for (uint32_t r = 0; r < session_order.size(); ++r) session_rank[session_order[r]] = r;

  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const PendingSpan& x = spans_[a];
    const PendingSpan& y = spans_[b];
    if (x.session != y.session) return session_rank[x.session] < session_rank[y.session];
    if (x.start_ns != y.start_ns) return x.start_ns < y.start_ns;
    return depth[a] < depth[b];  // a parent starting with its child comes first
  });
  std::vector<uint32_t> final_index(n);
  for (uint32_t i = 0; i < n; ++i) final_index[order[i]] = i;

  Trace trace;
  trace.spans.resize(n);
  trace.spans.begin_record.clear();  // filled in span order below
  trace.spans.end_record.clear();
  for (uint32_t i = 0; i < n; ++i) {
    const PendingSpan& s = spans_[order[i]];
    trace.spans.start_ns[i] = s.start_ns;
    trace.spans.duration_ns[i] = distance_ns(s.end_ns, s.start_ns);  // end >= start here (repaired above)
    trace.spans.parent[i] = s.parent == kNoSpan ? kNoSpan : final_index[s.parent];
    trace.spans.name[i] = s.name;
    trace.spans.kind[i] = s.kind;
    trace.spans.status[i] = s.status;
    trace.spans.flags[i] = s.flags;
    if (trace.spans.duration_ns[i] == INT64_MAX) trace.spans.flags[i] |= kFlagClockRepaired;  // clamped
    trace.spans.begin_record.push_back(s.begin_record);
    trace.spans.end_record.push_back(s.end_record);
  }
  trace.spans.begin_record.shrink_to_fit();
  trace.spans.end_record.shrink_to_fit();

  std::vector<uint32_t> session_count(sessions_.size(), 0);
  for (const PendingSpan& s : spans_) ++session_count[s.session];
  uint32_t first = 0;
  for (uint32_t original : session_order) {
    Session out;
    out.id = sessions_[original].id;
    out.input = sessions_[original].input;
    out.first_span = first;
    out.span_count = session_count[original];
    out.start_ns = session_count[original] ? session_first[original] : 0;
    out.end_ns = out.start_ns;
    for (uint32_t i = first; i < first + out.span_count; ++i) {
      out.end_ns = std::max(out.end_ns, trace.spans.start_ns[i] + trace.spans.duration_ns[i]);
      out.flags |= trace.spans.flags[i] & kSessionClockFlags;
    }
    first += out.span_count;
    trace.sessions.push_back(out);
  }

  for (Attribute& a : attributes_) a.span = final_index[a.span];
  std::stable_sort(attributes_.begin(), attributes_.end(),
                   [](const Attribute& a, const Attribute& b) { return a.span < b.span; });
  for (const Attribute& a : attributes_) trace.attributes.push_back(a);  // in span order: always accepted
  trace.attributes.shrink_to_fit();
  attributes_ = {};
  for (TextRef& t : texts_) t.span = final_index[t.span];
  std::stable_sort(texts_.begin(), texts_.end(), [](const TextRef& a, const TextRef& b) { return a.span < b.span; });
  for (const TextRef& t : texts_) trace.texts.push_back(t);
  trace.texts.shrink_to_fit();
  texts_ = {};
  trace.strings = std::move(strings_);
  trace.inputs = std::move(inputs_);
  trace.skipped = std::move(skipped_);
  if (stats_out) *stats_out = stats;
  return trace;
}

}  // namespace agentreel
