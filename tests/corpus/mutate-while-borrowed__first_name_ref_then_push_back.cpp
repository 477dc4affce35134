// mutate-while-borrowed: a const reference to the first element is kept across push_back, which may reallocate; copying the element before the mutation is the fix (rustc E0506)
#include <string>
#include <vector>

std::string greet_all(std::vector<std::string>& names) {
  if (names.empty()) {
    return {};
  }
  const std::string& first = names[0];
  names.push_back("guest");  // expect: mutate-while-borrowed  // fix: mutate-while-borrowed
  std::string out = "hello " + first;
  for (const auto& n : names) {
    out += ", " + n;
  }
  return out;
}

int sum_after_append(std::vector<int> values) {
  const auto& last = values.back();
  values.push_back(0);  // expect: mutate-while-borrowed  // fix: mutate-while-borrowed
  int sum = last;
  for (int v : values) {
    sum += v;
  }
  return sum;
}
