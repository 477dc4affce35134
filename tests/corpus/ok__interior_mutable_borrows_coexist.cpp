// ok: two mutable element references and an iterator into the same vector coexist; interior borrows never conflict with each other (spec 2a.4)
// expect-none
#include <vector>

void swap_ends(std::vector<int>& v) {
  if (v.size() < 2) {
    return;
  }
  int& front = v.front();
  int& back = v.back();
  auto mid = v.begin() + static_cast<long>(v.size() / 2);
  int tmp = front;
  front = back;
  back = tmp;
  *mid += front;
}
