// Passing a moved-from value by const reference reads it: still a use after move (only out-parameters reinitialise, spec 2b.5).
#include <string>
#include <utility>

void show(const std::string& s);

void twice(std::string s) {
  std::string kept = std::move(s);
  show(s);  // expect: use-after-move
  show(kept);
}
