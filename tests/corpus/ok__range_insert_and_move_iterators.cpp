// A range insert at the container's own end(), and ranges of move iterators over another container, are fine (spec 2a.5).
// expect-none
#include <iterator>
#include <string>
#include <vector>

void append(std::vector<int>& out, const std::vector<int>& more) { out.insert(out.end(), more.begin(), more.end()); }

std::vector<std::string> merge(std::vector<std::string> a, std::vector<std::string> b) {
  std::vector<std::string> all;
  all.insert(all.end(), std::make_move_iterator(a.begin()), std::make_move_iterator(a.end()));
  all.insert(all.end(), std::make_move_iterator(b.begin()), std::make_move_iterator(b.end()));
  return all;
}

void prepend(std::vector<int>& v, int x) { v.insert(v.begin(), x); }
