// ok: mutable references to two different fields of one struct are disjoint places and may be live together (spec 2a.6)
// expect-none
#include <string>

struct Range {
  int lo;
  int hi;
  std::string label;
};

Range normalize(int a, int b) {
  Range r{a, b, "range"};
  int& lo = r.lo;
  int& hi = r.hi;
  std::string& label = r.label;
  if (lo > hi) {
    int t = lo;
    lo = hi;
    hi = t;
    label += "-swapped";
  }
  return r;
}
