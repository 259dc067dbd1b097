#pragma once
// The event calendar: a binary min-heap of plain 24-byte events in one vector, ordered by time
// and then by the order they were scheduled, so equal times are taken first-come first-served
// and a run is the same for the same seed. No allocation once the vector has grown to the
// most events pending at once.
#include <cstdint>
#include <vector>

namespace archbench::sim {

enum class Ev : std::uint8_t { ClassArrival, Arrive, ServiceDone, Returned };

struct Event {
  double t;
  std::uint64_t seq;
  int who;  // a class (ClassArrival) or a frame
  Ev type;
};

class EventCalendar {
 public:
  EventCalendar() { heap_.reserve(1024); }
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }

  void push(double t, Ev type, int who) {
    Event e{t, seq_++, who, type};
    std::size_t i = heap_.size();
    heap_.push_back(e);
    while (i > 0) {  // sift the hole up
      const std::size_t parent = (i - 1) / 2;
      if (!before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }

  Event pop() {
    const Event top = heap_.front();
    const Event last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return top;
    std::size_t i = 0;
    for (;;) {  // sift the hole down
      std::size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
      if (!before(heap_[child], last)) break;
      heap_[i] = heap_[child];
      i = child;
    }
    heap_[i] = last;
    return top;
  }

 private:
  static bool before(const Event& a, const Event& b) {
    return a.t < b.t || (a.t == b.t && a.seq < b.seq);
  }
  std::vector<Event> heap_;
  std::uint64_t seq_ = 0;
};

}  // namespace archbench::sim
