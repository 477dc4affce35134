// ok: appending a copy of one of the vector's own elements; the standard guarantees self-insertion works (spec 2a.6)
// expect-none
#include <string>
#include <vector>

void repeat_ends(std::vector<std::string>& words, std::vector<int>& nums) {
  if (words.empty() || nums.empty()) {
    return;
  }
  words.push_back(words.front());
  nums.push_back(nums[0]);
}
