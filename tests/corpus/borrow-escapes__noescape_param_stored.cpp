// borrow-escapes: a [[clang::noescape]] parameter must not outlive the call (spec 2c), whatever the holder's type: a pointer member, a reference member, a global or an out-parameter that would be fine for an unannotated pointer are not fine for it.
#include <string>

struct Metrics {
  int requests = 0;
};

Metrics* g_current = nullptr;

class Reporter {
 public:
  explicit Reporter(const Metrics& m [[clang::noescape]]) : metrics_(m) {}  // expect: borrow-escapes
  void Attach(Metrics* m [[clang::noescape]]) {
    last_ = m;  // expect: borrow-escapes
  }

 private:
  const Metrics& metrics_;
  Metrics* last_ = nullptr;
};

void Publish(Metrics* m [[clang::noescape]]) {
  g_current = m;  // expect: borrow-escapes  // fix: borrow-escapes
}

void Select(Metrics* m [[clang::noescape]], Metrics** out) {
  *out = m;  // expect: borrow-escapes
}
