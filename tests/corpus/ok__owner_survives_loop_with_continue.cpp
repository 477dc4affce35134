// ok: an [[owner]] buffer is only borrowed inside a loop with continue and break, and freed once after the loop
// expect-none
#include <cstdlib>
#include <cstring>

bool fetch_line(char* dst, int cap);

int count_comments(int max_lines) {
  [[owner]] char* line = static_cast<char*>(std::malloc(128));
  int comments = 0;
  for (int i = 0; i < max_lines; ++i) {
    if (!fetch_line(line, 128)) {
      break;
    }
    if (std::strlen(line) == 0) {
      continue;
    }
    if (line[0] == '#') {
      ++comments;
    }
  }
  std::free(line);
  return comments;
}
