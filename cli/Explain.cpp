// Looks a code's documentation page up in the pages cli/EmbedPages.cmake embedded.
#include "cli/Explain.h"

#include <cstddef>

#include "analysis/Diagnostic.h"

namespace ownership::cli {

namespace {

struct EmbeddedPage {
  const char* name;
  const unsigned char* data;
  std::size_t size;
};

#include "ExplainPages.inc"

std::string codeList() {
  std::string s;
  for (int i = 0; i < kNumCodes; ++i) s += (i ? ", " : "") + std::string(codeName(static_cast<Code>(i)));
  return s;
}

}  // namespace

bool explainCode(std::string_view name, std::string& page, std::string& error) {
  std::string_view code = name;
  if (code.rfind("ownership-", 0) == 0) code.remove_prefix(10);  // as NOLINT and SARIF rule ids spell it
  Code c;
  if (!parseCode(code, c)) {
    error = "unknown code '" + std::string(name) + "' (the codes are: " + codeList() + ")";
    return false;
  }
  for (const EmbeddedPage& p : kPages)
    if (codeName(c) == p.name) {
      page.assign(reinterpret_cast<const char*>(p.data), p.size);
      return true;
    }
  error = "no documentation page for '" + std::string(code) + "' was built in";
  return false;
}

}  // namespace ownership::cli
