// mixed: one small regression case per diagnostic kind found while testing by hand
#include <memory>
#include <string>
#include <string_view>
#include <vector>
void use(int);
void g1() {
  std::string s = "a";
  std::string t = std::move(s);
  s.append("x");  // expect: use-after-move  // fix: use-after-move
}
std::size_t g2() {
  std::string_view v = std::string("abc");  // expect: dangling  // fix: dangling
  return v.size();
}
auto g3() {
  int x = 1;
  return [&x] { return x; };  // expect: return-local-borrow
}
void g4(std::vector<int>& v) {
  for (int& x : v)
    if (x) v.push_back(1);  // expect: mutate-while-borrowed
}
void g5() {
  std::vector<int> v{1};
  const auto& first = v.front();
  v.clear();  // expect: mutate-while-borrowed  // fix: mutate-while-borrowed
  use(first);
}
int g6() {
  auto sp = std::make_shared<int>(1);
  auto sp2 = std::move(sp);
  return *sp + *sp2;  // expect: use-after-move
}
int g7() {
  auto p = std::make_unique<int>(1);
  int* raw = p.get();
  p = nullptr;  // expect: mutate-while-borrowed
  return *raw;
}
int g8() {
  int* p = new int(3);  // expect: leak  // fix: leak
  return *p;
}
void g9(bool c) {
  [[owner]] int* p = new int(1);
  if (c) { delete p; return; }
  delete p;
  delete p;  // expect: double-release  // fix: double-release
}
