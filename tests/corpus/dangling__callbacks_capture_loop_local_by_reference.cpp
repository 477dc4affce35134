// dangling: callbacks registered in a loop capture a loop-body local by reference and run after the loop; the fix captures it by copy (the only change to the lambda: `[&]` -> `[&, label]`)
#include <functional>
#include <string>
#include <vector>

void log_line(const std::string& s);

void run_all(const std::vector<int>& ids) {
  std::vector<std::function<void()>> tasks;
  for (int id : ids) {
    std::string label = "task-" + std::to_string(id);
    tasks.push_back([&] { log_line(label); });  // expect: dangling  // fix: dangling
  }
  for (const auto& t : tasks) {
    t();
  }
}
