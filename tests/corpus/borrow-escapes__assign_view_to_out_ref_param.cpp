// borrow-escapes: a view of a reference parameter is assigned through another parameter (a reference out-parameter) without [[borrow(line)]] (spec 2a.11)
#include <string>
#include <string_view>

bool split_key(const std::string& line, std::string_view& key) {
  auto eq = line.find('=');
  if (eq == std::string::npos) {
    return false;
  }
  key = std::string_view(line).substr(0, eq);  // expect: borrow-escapes
  return true;
}

bool split_key_ok(const std::string& line, [[borrow(line)]] std::string_view& key) {
  auto eq = line.find('=');
  if (eq == std::string::npos) {
    return false;
  }
  key = std::string_view(line).substr(0, eq);
  return true;
}
