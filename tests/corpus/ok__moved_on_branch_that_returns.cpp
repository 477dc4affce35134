// ok: the job is moved only on a branch that returns, so the later use on the other path sees an owned value
// expect-none
#include <memory>
#include <utility>

struct Job {
  int priority = 0;
};

void run_now(std::unique_ptr<Job> j);
void enqueue(std::unique_ptr<Job> j);

void dispatch(std::unique_ptr<Job> job) {
  if (job->priority > 9) {
    run_now(std::move(job));
    return;
  }
  job->priority += 1;
  enqueue(std::move(job));
}
