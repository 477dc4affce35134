// ok: an [[owner]] pointer is handed to an [[owner]] parameter on one branch and deleted on the other, so it is released or moved exactly once
// expect-none
#include <string>

struct Request {
  std::string path;
  int retries;
};

class Queue {
 public:
  void push([[owner]] Request* r);
};

void route(Queue& q, const std::string& path, bool valid) {
  [[owner]] Request* req = new Request{path, 0};
  if (valid) {
    q.push(req);
  } else {
    delete req;
  }
}
