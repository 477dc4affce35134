// Handing a pointer or reference parameter to a member that can hold it (a pointer member, a class holding pointers, a container of them) is what the member is for (spec 2a.11): not borrow-escapes.
// expect-none
#include <istream>
#include <queue>
#include <utility>
#include <vector>

struct Lock {};
struct Signal {
  explicit Signal(Lock* l) : lock_(l) {}
  Lock* lock_;
};

struct Worker {
  explicit Worker(Lock* l) : lock_(l), signal_(l) {}
  Lock* lock_;
  Signal signal_;
};

struct Source {
  explicit Source(std::istream& in) : in_(in) {}
  std::istream& in_;
};

struct Lexer {
  explicit Lexer(std::istream& in) : source_(in) {}
  Source source_;
};

struct Node {};
struct Tree {
  std::vector<Node*> stack;
  std::vector<std::pair<Node*, bool>> keys;
  void push(Node& n) {
    stack.push_back(&n);
    keys.emplace_back(&n, false);
  }
};

struct Scheduler {
  std::queue<std::pair<void (*)(void*), void*>> jobs;
  void schedule(void (*fn)(void*), void* arg) { jobs.emplace(fn, arg); }
};
