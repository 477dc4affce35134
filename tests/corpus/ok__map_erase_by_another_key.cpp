// ok: erasing a map element by one key while a borrow of the element reached by another key is used; which element a key names is not known, so nothing is proven (decisions.md); the same key, an iterator from begin() and a range-for over the map still are reported
#include <map>
#include <vector>

struct Family {
  int runs = 0;
  int total = 0;
};

struct Runner {
  explicit Runner(Family* f) : family(f) {}
  Family* family;
};

void run_all(std::map<int, Family>& families, const std::vector<int>& ids) {
  std::vector<Runner> runners;
  for (int id : ids) runners.emplace_back(&families[id]);
  for (Runner& r : runners) {
    if (r.family == nullptr) continue;
    ++r.family->runs;
    if (r.family->runs == r.family->total) families.erase(r.family->total);
  }
}

int erase_other(std::map<int, int>& m, int keep, int drop) {
  const int& kept = m.at(keep);
  m.erase(drop);
  return kept;
}
