// ok: lambdas capturing locals by reference are used only inside the function (std::for_each, std::sort) and are gone before the locals are read or changed
// expect-none
#include <algorithm>
#include <map>
#include <string>
#include <vector>

int weighted_sort(std::vector<std::string>& keys) {
  std::map<std::string, int> weight{{"a", 3}, {"b", 1}};
  int sum = 0;
  std::for_each(keys.begin(), keys.end(), [&sum](const std::string& k) { sum += static_cast<int>(k.size()); });
  std::sort(keys.begin(), keys.end(), [&weight](const std::string& l, const std::string& r) {
    return weight[l] < weight[r];
  });
  weight.clear();
  sum += 1;
  return sum;
}
