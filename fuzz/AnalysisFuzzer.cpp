// libFuzzer target for the analysis: the input is a C++ main file, parsed as the server parses it and run through analyzeAST, hover and inlay hints.
//
// Seeded from tests/corpus/*.cpp. Every input is parsed behind one fixed prelude holding the
// standard headers the corpus uses, ended by a declaration so that the precompiled preamble stops
// there: all inputs then share one preamble (built once, as the server reuses one between edits)
// and an input costs a parse of its own text only. The input's own #include lines still work:
// the headers' include guards skip them. Without this, each seed (43 different #include blocks in
// the corpus, each with a different leading comment) rebuilt a preamble, about 0.5 s, and a
// one-minute run never got past loading the seeds.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "analysis/FileAnalysis.h"
#include "analysis/Hover.h"
#include "analysis/InlayHints.h"
#include "analysis/ParsedFile.h"
#include "analysis/Stack.h"

namespace {

// Longer inputs only slow the fuzzer down: the corpus files are 1-3 KiB.
constexpr std::size_t kMaxInput = 16 * 1024;

// A small cap keeps each input fast; the cap path itself is one of the things under test.
constexpr unsigned kMaxBlockVisits = 2000;

// Inputs that #include a device or a /proc file (`#include "/dev/stdin"`) would block or read
// forever: that is the file system, not the checker, so such inputs are skipped. Only preprocessor
// directive lines can name a file (directly or through a macro defined by one), so only they are
// looked at; line splices are joined first so `de\<newline>v` cannot slip through.
bool namesSpecialFiles(std::string_view text) {
  std::string joined;
  joined.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\') {
      std::size_t j = i + 1;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
      if (j < text.size() && text[j] == '\n') {
        i = j;
        continue;
      }
    }
    joined.push_back(text[i]);
  }
  std::string_view rest(joined);
  while (!rest.empty()) {
    std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    // Comments may stand before the `#`, so any line holding one counts.
    if (line.find('#') == std::string_view::npos && line.find("%:") == std::string_view::npos) continue;
    for (std::string_view bad : {"dev", "proc", "sys", "fd", "embed", "stdin"})
      if (line.find(bad) != std::string_view::npos) return true;
  }
  // _Pragma can also hold directives' worth of text; __has_include/__has_embed probe files.
  for (std::string_view bad : {"__has_include", "__has_embed", "_Pragma"})
    if (joined.find(bad) != std::string::npos && (joined.find("dev") != std::string::npos ||
                                                   joined.find("proc") != std::string::npos))
      return true;
  return false;
}

const std::string& prelude() {
  static const std::string text =
      "#include <algorithm>\n#include <cstddef>\n#include <cstdio>\n#include <cstdlib>\n#include <cstring>\n"
      "#include <deque>\n#include <functional>\n#include <list>\n#include <map>\n#include <memory>\n"
      "#include <optional>\n#include <span>\n#include <string>\n#include <string_view>\n"
      "#include <unordered_map>\n#include <utility>\n#include <vector>\n"
      "struct ownership_fuzz_prelude_end;\n"
      "#line 1\n";
  return text;
}

// Parses and analyses one input as the server does, then runs its read features.
void run(const std::string& text) {
  static ownership::PreambleCache cache;
  // The directory does not exist: quoted includes find nothing beside the file.
  std::unique_ptr<ownership::ParsedFile> pf =
      ownership::ParsedFile::build("/nonexistent-ownership-fuzz/input.cpp", text, {"-std=c++20"}, &cache);
  if (pf->fatal() || !pf->context()) return;
  clang::ASTContext& ctx = *pf->context();
  ownership::AnalysisOptions opts;
  opts.maxBlockVisits = kMaxBlockVisits;
  ownership::FileResult result = ownership::analyzeAST(ctx, opts);
  // The server's read features run on any build it publishes.
  unsigned from = static_cast<unsigned>(prelude().size()), to = static_cast<unsigned>(text.size());
  unsigned step = (to - from) / 16 + 1;
  for (unsigned off = from; off <= to; off += step) (void)ownership::hoverAt(ctx, result, off);
  (void)ownership::inlayHints(ctx, result, from, to);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInput) return -1;  // -1: do not add to the corpus
  std::string input(reinterpret_cast<const char*>(data), size);
  if (namesSpecialFiles(input)) return -1;
  const std::string text = prelude() + input;
  // On the stack the CLI and the server parse on (libFuzzer calls us on its main thread's 8 MiB).
  ownership::runOnAnalysisStack([&] { run(text); });
  return 0;
}
