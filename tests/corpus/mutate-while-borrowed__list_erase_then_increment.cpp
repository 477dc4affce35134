// mutate-while-borrowed: erasing from a std::list through the loop iterator without taking the returned iterator, then incrementing the erased one
#include <list>

void drop_negatives(std::list<int>& samples) {
  for (auto it = samples.begin(); it != samples.end(); ++it) {
    if (*it < 0) {
      samples.erase(it);  // expect: mutate-while-borrowed  // fix: mutate-while-borrowed
    }
  }
}
