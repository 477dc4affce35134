// Golden: a range over several lines is underlined to the end of its first line.
#include <vector>

int multi_line(std::vector<int> local) {
  const int& first = local[0];
  local.push_back(
      42);
  return first;
}
