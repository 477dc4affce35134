// use-after-move: a suppression that names only other tools' checks does not silence an ownership finding; one naming a different ownership code does not either (spec §7)
#include <string>
#include <utility>

void other_tools() {
  std::string s = "x";
  std::string t = std::move(s);
  s.size();  // NOLINT(bugprone-use-after-move)  // expect: use-after-move
}

void other_code() {
  std::string s = "x";
  std::string t = std::move(s);
  // NOLINTNEXTLINE(ownership-dangling)
  s.size();  // expect: use-after-move
}
