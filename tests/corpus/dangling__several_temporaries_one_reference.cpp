// dangling: std::max returns a reference to one of two temporaries; naming one temporary would leave the other, so the fix is the copy (`const int&` -> `int`)
#include <algorithm>

int budget(int requested, int reserve) {
  const int& cap = std::max(requested + 1, reserve * 2);  // expect: dangling, dangling  // fix: dangling
  return cap - 1;
}
