// return-local-borrow: a const reference to a local string is returned to callers that copy it, call a member on it or pass it on as const&; the return-by-value fix keeps every caller compiling
#include <cstddef>
#include <string>
#include <vector>

void print_line(const std::string& line);

const std::string& join_words(const std::vector<std::string>& words) {
  std::string joined;
  for (const std::string& w : words) {
    joined += w;
    joined += ' ';
  }
  return joined;  // expect: return-local-borrow  // fix: return-local-borrow
}

std::size_t report(const std::vector<std::string>& words) {
  std::string copy = join_words(words);
  print_line(join_words(words));
  const std::string& kept = join_words(words);
  return copy.size() + join_words(words).size() + kept.size();
}
