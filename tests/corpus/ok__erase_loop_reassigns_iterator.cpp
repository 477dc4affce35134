// ok: `it = m.erase(it)` in a loop over an unordered_map; erase consumes the iterator and returns a fresh one (spec 2a.4)
// expect-none
#include <string>
#include <unordered_map>

void drop_expired(std::unordered_map<std::string, int>& ttl, int now) {
  for (auto it = ttl.begin(); it != ttl.end();) {
    if (it->second < now) {
      it = ttl.erase(it);
    } else {
      ++it;
    }
  }
}
