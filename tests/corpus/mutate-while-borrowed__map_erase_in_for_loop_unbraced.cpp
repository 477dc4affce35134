// mutate-while-borrowed: a for loop over a map erases the current entry from an unbraced `if` and then advances the erased iterator; the fix takes the iterator erase returns (braces added) and moves the advance to the end of the body
#include <map>
#include <string>

void forget_empty(std::map<int, std::string>& names) {
  for (auto it = names.begin(); it != names.end(); ++it) {
    if (it->second.empty()) names.erase(it);  // expect: mutate-while-borrowed  // fix: mutate-while-borrowed
  }
}
