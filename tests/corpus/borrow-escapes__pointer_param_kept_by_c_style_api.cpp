// expect-none
// borrow-escapes: an unannotated pointer parameter kept in a global or handed out through another parameter is given the benefit of the doubt (spec 2b): C-style APIs take a pointer as often to keep it as to lend it.
struct Logger {
  int level = 0;
};

Logger* g_logger = nullptr;

void SetLogger(Logger* logger) { g_logger = logger; }

void PickLogger(Logger* preferred, Logger* fallback, Logger** out) {
  *out = preferred != nullptr ? preferred : fallback;
}

int CurrentLevel() { return g_logger != nullptr ? g_logger->level : 0; }
