// mutate-while-borrowed: a range-for over a vector appends to the same vector, invalidating the loop's hidden iterators and the element reference
#include <string>
#include <vector>

void add_defaults(std::vector<std::string>& names) {
  for (const std::string& n : names) {
    if (n.empty()) {
      names.push_back("unnamed");  // expect: mutate-while-borrowed  // fix: mutate-while-borrowed
    }
  }
}
