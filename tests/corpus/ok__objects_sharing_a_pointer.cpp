// Objects that keep a pointer (a lock guard, a waiter) may share it with others: exclusivity is for references and views, not for pointers kept by objects (spec 2b.3); and assigning an object does not invalidate pointers to it (2a.5).
// expect-none
struct Mutex {
  void Lock() {}
  void Unlock() {}
};

class Guard {
 public:
  explicit Guard(Mutex* m) : m_(m) { m_->Lock(); }
  ~Guard() { m_->Unlock(); }

 private:
  Mutex* m_;
};

struct Waiter {
  explicit Waiter(Mutex* m) : mu(m) {}
  Mutex* mu;
  bool done = false;
};

struct Reporter {
  int* status = nullptr;
  void report() {
    if (status) *status = 1;
  }
};

struct Db {
  Mutex mutex_;
  int write() {
    Waiter w(&mutex_);
    Guard g(&mutex_);
    w.done = true;
    return w.done ? 1 : 0;
  }
};

int recover() {
  int status = 0;
  Reporter r;
  r.status = &status;
  status = 2;
  r.report();
  return status;
}
