// ok: insertion into an unordered_map invalidates iterators but not references; a counter reference is kept across emplace (spec 2a.5)
// expect-none
#include <string>
#include <unordered_map>

int count_words(std::unordered_map<std::string, int>& freq, const std::string& w) {
  int& total = freq["__total__"];
  freq.emplace(w, 0);
  freq[w] += 1;
  total += 1;
  return total;
}
