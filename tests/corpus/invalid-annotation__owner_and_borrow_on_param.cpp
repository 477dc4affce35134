// invalid-annotation: a parameter carries both [[owner]] and [[borrow]], which contradict each other (one diagnostic, at the second attribute)
struct Texture {
  int width;
  int height;
};

void upload(
    [[owner]]
    [[borrow]]  // expect: invalid-annotation  // fix: invalid-annotation
    Texture* tex);
