// ok: several shared borrows of one object (two const references and a const pointer) are live at the same time
// expect-none
#include <string>

struct Options {
  std::string name;
  int level;
};

int compare(const Options& a, const Options& b);

int self_check() {
  Options opts{"release", 2};
  const Options& first = opts;
  const Options& second = opts;
  const Options* ptr = &opts;
  return compare(first, second) + ptr->level + first.level;
}
