// use-after-move: a unique_ptr is moved into a queue inside a loop and never reinitialised, so the next iteration moves it again ("value moved here, in previous iteration of loop")
#include <deque>
#include <memory>
#include <utility>

struct Job {
  int attempt = 0;
};

void schedule_retries(std::deque<std::unique_ptr<Job>>& queue, int count) {
  auto job = std::make_unique<Job>();
  for (int i = 0; i < count; ++i) {
    queue.push_back(std::move(job));  // expect: use-after-move  // fix: use-after-move
  }
}
