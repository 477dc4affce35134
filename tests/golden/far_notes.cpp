// Golden: a note far from the primary line (the lines between elided with ...), a warning,
// two diagnostics in one file, notes on the primary's own range (its label), help lines.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

std::size_t far_use(std::vector<std::string>& out) {
  std::string name = "x";
  out.push_back(std::move(name));
  std::size_t total = 0;
  for (const std::string& s : out) total += s.size();
  total *= 2;
  total += 1;
  return total + name.size();
}

std::string_view local_view() {
  std::string name = "local";
  return name;
}
