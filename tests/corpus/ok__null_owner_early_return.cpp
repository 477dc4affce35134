// ok: an [[owner]] from a factory that may return null: the null path returns early and owns nothing (spec 2a.8)
// expect-none
struct Profile {
  int age;
};

[[owner]] Profile* try_load_profile(int user);

int profile_age(int user) {
  [[owner]] Profile* p = try_load_profile(user);
  if (!p) {
    return -1;
  }
  int age = p->age;
  delete p;
  return age;
}
