// An inline helper in a project header with a use-after-move; two sources include it and the
// diagnostic is reported once, at the header (spec 2d).
#pragma once
#include <deque>
#include <string>
#include <utility>

inline void requeue(std::deque<std::string>& q, std::string job) {
  q.push_back(std::move(job));
  if (job.empty()) q.pop_back();  // expect: use-after-move
}

inline std::string take_front(std::deque<std::string>& q) {
  std::string job = std::move(q.front());
  q.pop_front();
  return job;
}
