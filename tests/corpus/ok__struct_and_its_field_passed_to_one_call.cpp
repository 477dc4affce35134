// ok: an object and one of its fields passed by mutable reference to one call (`parse_width(specs, specs.width_ref)`): the field lives as long as the object, so no borrow can dangle (decisions.md); the same field twice is still a conflicting-borrow (tests/corpus/conflicting-borrow__same_field_twice_in_call.cpp)
struct ArgRef {
  int index = -1;
};

struct Specs {
  int width = 0;
  ArgRef width_ref;
  ArgRef precision_ref;
};

int parse_width(int pos, Specs& specs, ArgRef& ref) {
  ref.index = pos;
  specs.width = -1;
  return pos + 1;
}

int parse_specs(int pos, Specs& specs) {
  pos = parse_width(pos, specs, specs.width_ref);
  return parse_width(pos, specs, specs.precision_ref);
}
