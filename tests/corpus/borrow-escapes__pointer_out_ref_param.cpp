// borrow-escapes: the address of a reference parameter is assigned to a pointer passed by reference (another parameter's pointee)
#include <vector>

struct Sample {
  int value = 0;
};

void track_max(const Sample& s, const Sample*& best) {
  if (best == nullptr || best->value < s.value) {
    best = &s;  // expect: borrow-escapes  // fix: borrow-escapes
  }
}
