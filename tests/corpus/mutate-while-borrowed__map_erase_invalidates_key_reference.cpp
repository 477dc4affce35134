// mutate-while-borrowed: a reference taken from `it->first` dies with the element `m.erase(it)` removes (spec 2a.5)
#include <map>
#include <string>

void log_name(const std::string& name);

void forget(std::map<std::string, int>& m) {
  auto it = m.find("x");
  const std::string& name = it->first;
  m.erase(it);  // expect: mutate-while-borrowed  // fix: mutate-while-borrowed
  log_name(name);
}
