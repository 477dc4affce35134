// leak: an [[owner]] session is released on one path only; it is only dereferenced and null-tested, so both fixes apply: insert the release, or let a std::unique_ptr own it (its delete becomes reset())
#include <memory>

struct Session {
  int id;
  bool closed;
};

int run_session(int id, bool abort_early) {
  [[owner]] Session* s = new Session{id, false};  // expect: leak  // fix: leak
  if (!s) {
    return -1;
  }
  s->closed = abort_early;
  int result = (*s).id;
  if (s->closed) {
    delete s;
    return result;
  }
  return result + 1;
}
