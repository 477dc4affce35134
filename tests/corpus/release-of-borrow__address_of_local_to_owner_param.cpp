// release-of-borrow: the address of a stack object is passed to a parameter that takes ownership (spec 2a.7)
struct Task {
  int prio = 0;
};

void enqueue([[owner]] Task* t);

void schedule_default() {
  Task t{5};
  enqueue(&t);  // expect: release-of-borrow  // fix: release-of-borrow
}
