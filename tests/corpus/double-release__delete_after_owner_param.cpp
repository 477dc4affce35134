// double-release: the task is handed to a scheduler whose parameter takes ownership, and the caller deletes it as well (released after it was moved)
#include <string>

struct Task {
  std::string name;
  int priority = 0;
};

class Scheduler {
 public:
  void enqueue([[owner]] Task* t);
};

void submit(Scheduler& sched, int prio) {
  [[owner]] Task* t = new Task{"flush", prio};
  sched.enqueue(t);
  delete t;  // expect: double-release  // fix: double-release
}
