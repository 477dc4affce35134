// mutate-while-borrowed: a reference to the last element is written after an append; taking it again after the append would name the new last element, and a copy would lose the write, so no fix is offered
#include <string>
#include <vector>

void mark_last(std::vector<std::string>& names) {
  std::string& last = names.back();
  names.push_back("sentinel");  // expect: mutate-while-borrowed
  last += "*";
}
