// ok: std::list is a node container, so push_back keeps an existing iterator and element reference valid (spec 2a.5)
// expect-none
#include <list>
#include <string>

std::string extend_queue(std::list<std::string>& queue) {
  queue.push_back("first");
  auto head = queue.begin();
  const std::string& head_ref = queue.front();
  queue.push_back("second");
  queue.push_front("zeroth");
  return *head + head_ref;
}
