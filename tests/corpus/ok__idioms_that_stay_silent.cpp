// ok: common idioms that must stay silent: erase loop, node-container inserts, range-for over temporaries, stored lambdas, moving out on one path
// expect-none
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>
#include <cstdio>
#include <functional>
std::vector<int> make_vec();
int f1(std::vector<int>& v) {
  for (auto it = v.begin(); it != v.end();) {
    if (*it < 0) it = v.erase(it); else ++it;
  }
  return 0;
}
int f2(std::map<int, std::string>& m) {
  const std::string& r = m[1];
  m.insert({2, "x"});
  m.emplace(3, "y");
  return static_cast<int>(r.size());
}
void f3() {
  std::string s; s += "x";
  const char* p = s.c_str();
  std::puts(p);
  s += "y";
}
int f4() {
  std::pair<int, int> pr{1, 2};
  auto [a, b] = pr;
  int sum = 0;
  for (int x : make_vec()) sum += x;
  for (const auto& x : make_vec()) sum += x;
  return a + b + sum;
}
int f5(std::optional<std::string> o) {
  if (!o) return 0;
  std::string_view sv = "literal";
  std::string_view w = *o;
  return static_cast<int>(sv.size() + w.size());
}
int f6() {
  int total = 0;
  std::vector<int> items{1, 2};
  std::function<void(int)> add = [&total](int x) { total += x; };
  for (int i : items) add(i);
  return total;
}
std::unique_ptr<int> f7(bool c) {
  auto p = std::make_unique<int>(1);
  if (c) return p;
  *p = 2;
  return p;
}
int f8(std::unordered_map<std::string, int>& m) {
  int& ref = m["a"];
  m.emplace("b", 1);
  return ref;
}
struct Node { int v; std::vector<std::unique_ptr<Node>> kids; };
int f9(Node& n) {
  int s = n.v;
  for (auto& k : n.kids) s += f9(*k);
  auto child = std::make_unique<Node>();
  n.kids.push_back(std::move(child));
  return s;
}
std::string f10(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) { out += p; out += ","; }
  if (!out.empty()) out.pop_back();
  return out;
}
int f11() {
  std::vector<std::string> v{"a", "b"};
  std::string& last = v.back();
  last += "!";
  v.push_back("c");
  return static_cast<int>(v.size());
}
void f12(std::vector<int>& v) {
  auto n = v.size();
  v.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) v.push_back(v[i]);
}
