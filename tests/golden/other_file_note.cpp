// Golden: a diagnostic in a header whose note is in this file: that note gets its own snippet.
#include "template_note.h"

void names(std::vector<std::string>& out) {
  push_twice(out, std::string("x"));
}
