// move-while-borrowed: a std::map is moved into an archive while a reference to one of its values is read afterwards (spec 2a.1: a move is never mutate-while-borrowed)
#include <map>
#include <string>
#include <utility>

struct Stats {
  long hits;
  long misses;
};

long archive_and_report(std::map<std::string, Stats>& archive, const std::string& key) {
  std::map<std::string, Stats> current;
  current[key] = Stats{10, 2};
  const Stats& s = current.at(key);
  archive = std::move(current);  // expect: move-while-borrowed
  return s.hits - s.misses;
}
