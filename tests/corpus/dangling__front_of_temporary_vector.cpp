// dangling: a reference bound to front() of a vector returned by value; the temporary vector dies at the end of the full expression, front() does not extend it (rustc E0716)
#include <vector>

std::vector<int> load_scores();

int top_score_plus(int bonus) {
  const int& top = load_scores().front();  // expect: dangling  // fix: dangling
  return top + bonus;
}
