// ok: values are copied out of the container before it is modified, so no borrow is live across the mutations
// expect-none
#include <string>
#include <vector>

std::string rotate_first(std::vector<std::string>& names) {
  if (names.empty()) {
    return {};
  }
  std::string first = names[0];
  names.erase(names.begin());
  names.push_back(first);
  auto copy = names.back();
  names.clear();
  return copy + first;
}
