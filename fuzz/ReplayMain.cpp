// Replays fuzz inputs without libFuzzer, so crash regressions (tests/regressions/) run in every ctest build, sanitized or not.
//
// Usage: <target> [-flag...] FILE_OR_DIR...  Runs LLVMFuzzerTestOneInput once on every file named, and on
// every regular file of every directory named. A regression is a crash or an abort of this process.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    // libFuzzer flags (-runs=0 ...) are accepted and ignored, so ctest passes the same arguments
    // to a replay driver and to a libFuzzer build.
    if (argv[i][0] == '-') continue;
    fs::path p = argv[i];
    if (fs::is_directory(p)) {
      for (const auto& e : fs::directory_iterator(p))
        if (e.is_regular_file()) files.push_back(e.path());
    } else if (fs::is_regular_file(p)) {
      files.push_back(p);
    } else {
      std::fprintf(stderr, "%s: no such file or directory\n", argv[i]);
      return 2;
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string data = ss.str();
    std::printf("replaying %s (%zu bytes)\n", f.c_str(), data.size());
    std::fflush(stdout);
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
  }
  std::printf("%zu inputs replayed without a crash\n", files.size());
  return 0;
}
