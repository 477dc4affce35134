// file:// URIs <-> absolute paths (RFC 3986 percent-encoding), with normalisation.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace ownership::protocol {

// The absolute, normalised path of a file:// URI ("." and ".." removed, no empty
// segments); nullopt for other schemes, relative or malformed URIs, or paths with NUL.
std::optional<std::string> uriToPath(std::string_view uri);

// file:// URI of an absolute path, percent-encoding what RFC 3986 requires.
std::string pathToUri(std::string_view path);

}  // namespace ownership::protocol
