// Half-typed code for the analysis fuzzer replay: unbalanced braces, a lambda default argument, cut statements.
#include <string>
#include <vector>
// half-typed code: unbalanced braces, a lambda in a default argument, a cut statement
struct S { std::vector<std::string> v; std::string& first() { return v.front(); } };
void f(S s, int (*g)() = [] { return 1; }) {
  std::string& r = s.first();
  s.v.push_back("x");
  r.size(
  auto l = [&](int x) { return r + x; ;
  for (auto& e : s.v) { s.v.clear(); e.size(); }
template <class T> void t(T x) { auto y = std::move(x); x.size(); }
void h() { t(std::string()); [[owner]] int* p = new int; delete p; delete p; }
