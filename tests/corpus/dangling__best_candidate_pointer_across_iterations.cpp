// dangling: a pointer to the best candidate so far is kept across loop iterations while the candidate is a loop-body local; hoisting cannot help (the local is rebuilt each iteration), so the pointer becomes a std::optional copy
#include <cstddef>
#include <string>
#include <vector>

std::string normalise(const std::string& raw);

std::size_t longest_normalised(const std::vector<std::string>& raws) {
  const std::string* best = nullptr;
  for (const std::string& raw : raws) {
    std::string cleaned = normalise(raw);
    if (best == nullptr || cleaned.size() > best->size()) {
      best = &cleaned;  // expect: dangling  // fix: dangling
    }
  }
  return best != nullptr ? best->size() : 0;
}
