#include "queue_util.h"

void schedule(std::deque<std::string>& q) { requeue(q, "build"); }
