// dangling: std::min returns a reference to one of its arguments; binding it to a const reference keeps a reference to the temporary `cap + 1`
#include <algorithm>

int clamp_request(int requested, int cap) {
  const int& limit = std::min(requested, cap + 1);  // expect: dangling  // fix: dangling
  return limit * 2;
}
