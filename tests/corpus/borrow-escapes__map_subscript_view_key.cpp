// borrow-escapes: a parameter is used as a string_view key of another parameter's map via operator[] (the key stores a borrow)
#include <map>
#include <string>
#include <string_view>

void count_word(const std::string& word, std::map<std::string_view, int>& counts) {
  counts[word] += 1;  // expect: borrow-escapes
}
