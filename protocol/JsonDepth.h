// How deep a received JSON text nests, measured on the text before it is parsed.
#pragma once
#include <string_view>

namespace ownership::protocol {

// The deepest nesting of arrays and objects a message may have. nlohmann's parser is iterative,
// but copying, comparing and dumping a json value recurse once per level, so a message 100,000
// levels deep overflowed the stack the first time its params were copied. LSP's own messages
// nest under 10 levels; settings objects a few more.
inline constexpr unsigned kMaxJsonDepth = 256;

// Whether `text` opens more than `limit` arrays or objects inside each other. Brackets inside
// strings do not count. One linear pass, no allocation; exact for valid JSON, and for invalid
// JSON only a cheaper way to refuse it.
bool jsonNestsDeeperThan(std::string_view text, unsigned limit);

}  // namespace ownership::protocol
