// ok: the iterator is taken again after push_back instead of reusing the invalidated one
// expect-none
#include <vector>

int append_and_first(std::vector<int>& v, int x) {
  auto it = v.begin();
  int old_first = v.empty() ? 0 : *it;
  v.push_back(x);
  it = v.begin();
  return *it + old_first;
}
