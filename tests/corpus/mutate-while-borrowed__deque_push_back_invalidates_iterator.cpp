// mutate-while-borrowed: an iterator into a deque is kept across push_back, which invalidates every deque iterator (rustc E0506)
#include <deque>

int first_plus_new(std::deque<int>& pending, int incoming) {
  auto head = pending.begin();
  pending.push_back(incoming);  // expect: mutate-while-borrowed  // fix: mutate-while-borrowed
  return *head + incoming;
}
