// mutate-while-borrowed: a while loop erases through its iterator and then advances the erased iterator; the fix keeps the iterator erase returns and skips the advance on that iteration
#include <list>
#include <string>

struct Job {
  std::string name;
  bool cancelled = false;
};

void drop_cancelled(std::list<Job>& queue) {
  auto it = queue.begin();
  while (it != queue.end()) {
    if (it->cancelled) {
      queue.erase(it);  // expect: mutate-while-borrowed  // fix: mutate-while-borrowed
    }
    ++it;
  }
}
