// One move, one diagnostic (spec 2b.6): later uses of the same moved value are not reported again; a user Clear() reinitialises (2b.5).
#include <string>
#include <utility>
#include <vector>

struct Path {
  std::vector<std::string> parts;
  void Clear() { parts.clear(); }
  bool empty() const { return parts.empty(); }
  void Add(std::string s) { parts.push_back(std::move(s)); }
};

void consume(Path p);

void walk(Path p) {
  consume(std::move(p));
  if (p.empty()) {  // expect: use-after-move
    p.Add("x");
  }
  p.Add("y");
}

void reuse(Path p) {
  consume(std::move(p));
  p.Clear();
  p.Add("again");
  consume(std::move(p));
}
