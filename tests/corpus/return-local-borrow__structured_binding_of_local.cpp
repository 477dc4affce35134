// return-local-borrow: a reference to a structured binding of a local pair is returned
#include <string>
#include <utility>

std::pair<std::string, int> parse_entry(const std::string& line);

const std::string& entry_key(const std::string& line) {
  auto [key, value] = parse_entry(line);
  (void)value;
  return key;  // expect: return-local-borrow  // fix: return-local-borrow
}
