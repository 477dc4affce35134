// ok: findings silenced by clang-tidy-style suppression comments with ownership-<code> names, globs, bare forms, regions and reasons (spec §7)
// expect-none
#include <memory>
#include <string>
#include <utility>
#include <vector>

void consume(std::unique_ptr<int> p);

void line_form() {
  auto p = std::make_unique<int>(1);
  consume(std::move(p));
  *p = 2;  // NOLINT(ownership-use-after-move): the callee is known to leave it set
}

void next_line_form() {
  std::string s = "x";
  std::string t = std::move(s);
  // NOLINTNEXTLINE(bugprone-use-after-move, ownership-use-after-*)
  s.size();
}

void bare_form() {
  std::vector<int> v{1, 2, 3};
  int& first = v[0];
  v.push_back(4);  // NOLINT
  first = 0;
}

// NOLINTBEGIN(ownership-*)
void region_form() {
  std::string a = "a";
  std::string b = std::move(a);
  a.append("x");
}
// NOLINTEND(ownership-*)
