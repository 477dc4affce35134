// dangling: [[clang::lifetime_capture_by(out)]] names the parameter that keeps the argument (spec 2c): the caller's vector then borrows the temporary string, which dies at the end of the statement while the vector is read later.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

void AppendField(std::string_view field [[clang::lifetime_capture_by(out)]], std::vector<std::string_view>& out) {
  out.push_back(field);
}

std::string Render(int v);

std::size_t total_width() {
  std::vector<std::string_view> fields;
  AppendField(Render(42), fields);  // expect: dangling  // fix: dangling
  std::size_t n = 0;
  for (std::string_view f : fields) {
    n += f.size();
  }
  return n;
}
