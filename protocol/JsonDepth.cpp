// The nesting depth of a JSON text, counted in one pass over its bytes.
#include "protocol/JsonDepth.h"

namespace ownership::protocol {

bool jsonNestsDeeperThan(std::string_view text, unsigned limit) {
  unsigned depth = 0;
  bool inString = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\') ++i;  // the escaped character cannot end the string
      else if (c == '"') inString = false;
      continue;
    }
    switch (c) {
      case '"':
        inString = true;
        break;
      case '[':
      case '{':
        if (++depth > limit) return true;
        break;
      case ']':
      case '}':
        // An unbalanced closer is invalid JSON; the parser reports it.
        if (depth > 0) --depth;
        break;
      default:
        break;
    }
  }
  return false;
}

}  // namespace ownership::protocol
