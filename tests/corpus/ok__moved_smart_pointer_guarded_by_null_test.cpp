// ok (judgement): a moved-from unique_ptr is null (standard guarantee), so code guarded by a null test never touches moved-from state (spec 2a.15, 2a intro "C++'s own guarantees")
// expect-none
#include <memory>
#include <utility>
#include <vector>

struct Job {
  int id = 0;
};

void maybe_hand_off(std::vector<std::unique_ptr<Job>>& out, std::unique_ptr<Job> job, bool urgent) {
  if (urgent) {
    out.push_back(std::move(job));
  }
  if (job) {
    job->id = 1;
  }
}

int lazily_recreate(std::vector<std::unique_ptr<Job>>& out, std::unique_ptr<Job> job) {
  out.push_back(std::move(job));
  if (!job) {
    job = std::make_unique<Job>();
  }
  return job->id;
}
