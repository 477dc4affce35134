// [[clang::noescape]] (spec 2c) kept within the call: read, passed on to other functions, copied by value; and the same stores without the annotation stay silent (a pointer member may receive an unannotated pointer parameter, 2a.11).
// expect-none
#include <string>
#include <vector>

struct Metrics {
  int requests = 0;
  std::string name;
};

int Sum(const std::vector<int>& values [[clang::noescape]]) {
  int total = 0;
  for (int v : values) {
    total += v;
  }
  return total;
}

void Bump(Metrics* m [[clang::noescape]]) { m->requests += 1; }

class Reporter {
 public:
  void Attach(Metrics* m) { last_ = m; }
  void Snapshot(const Metrics& m [[clang::noescape]]) {
    copy_ = m;
    Bump(&copy_);
  }

 private:
  Metrics* last_ = nullptr;
  Metrics copy_;
};
