// mutate-while-borrowed: an unordered_map iterator from find() is compared and read after an insertion that may rehash; the fix looks the key up again after the insertion
#include <string>
#include <unordered_map>

int cached_port(std::unordered_map<std::string, int>& ports, const std::string& host) {
  auto it = ports.find(host);
  ports.insert({"localhost", 80});  // expect: mutate-while-borrowed  // fix: mutate-while-borrowed
  return it == ports.end() ? -1 : it->second;
}
