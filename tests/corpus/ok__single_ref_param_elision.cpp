// ok: exactly one borrow-like parameter, so the returned reference borrows from it by elision; the caller uses it while the vector lives
// expect-none
#include <string>
#include <vector>

const std::string& longest(const std::vector<std::string>& words, std::size_t min_len) {
  static const std::string empty;
  const std::string* best = &empty;
  for (const std::string& w : words) {
    if (w.size() >= min_len && w.size() > best->size()) {
      best = &w;
    }
  }
  return *best;
}

std::size_t longest_len() {
  std::vector<std::string> words{"kiwi", "banana", "fig"};
  const std::string& w = longest(words, 2);
  return w.size();
}
