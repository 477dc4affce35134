// `ownership-check --explain CODE`: a code's documentation page, embedded at build time.
#pragma once
#include <string>
#include <string_view>

namespace ownership::cli {

// The page of `name` (docs/diagnostics/CODE.md; `ownership-CODE` is accepted too). False, with a
// one-line message listing the codes, when `name` is not a code.
bool explainCode(std::string_view name, std::string& page, std::string& error);

}  // namespace ownership::cli
