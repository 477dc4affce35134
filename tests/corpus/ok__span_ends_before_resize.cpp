// ok: a span over the vector is last used before resize(), and a new span is taken afterwards (non-lexical lifetimes, re-borrow)
// expect-none
#include <span>
#include <vector>

int sum(std::span<const int> s);

int grow_and_sum(std::vector<int>& data, std::size_t extra) {
  std::span<const int> before(data);
  int old_total = sum(before);
  data.resize(data.size() + extra, 1);
  std::span<const int> after(data);
  return sum(after) - old_total;
}
