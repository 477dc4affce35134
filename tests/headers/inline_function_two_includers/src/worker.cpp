#include "queue_util.h"

std::string next(std::deque<std::string>& q) {
  std::string job = take_front(q);
  std::string copy = std::move(job);
  return job;  // expect: use-after-move
}
