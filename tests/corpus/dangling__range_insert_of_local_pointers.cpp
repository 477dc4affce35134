// dangling: a range insert copies the elements of `tmp`, which point at `x`; the iterators themselves are positions, but the copied pointers still borrow `x`
#include <vector>

int gather() {
  std::vector<int*> out;
  {
    int x = 1;
    std::vector<int*> tmp;
    tmp.push_back(&x);  // expect: dangling  // fix: dangling
    out.insert(out.end(), tmp.begin(), tmp.end());
  }
  return *out[0];
}
