// ok: a list built from `new` nodes kept in `head`/`tail` and published in a global (glog's vmodule list): copying the owner into other pointers aliases it, which neither conflicts nor dangles when the loop variable goes out of scope, and the node is not leaked while another pointer still holds it (spec 2b)
#include <string>

struct ModuleInfo {
  std::string pattern;
  int level = 0;
  const ModuleInfo* next = nullptr;
};

static ModuleInfo* g_modules = nullptr;

void add_modules(const char* const* patterns, const int* levels, int n) {
  ModuleInfo* head = nullptr;
  ModuleInfo* tail = nullptr;
  for (int i = 0; i < n; ++i) {
    auto* info = new ModuleInfo;
    info->pattern = patterns[i];
    info->level = levels[i];
    if (head) {
      tail->next = info;
    } else {
      head = info;
    }
    tail = info;
  }
  if (head) {
    tail->next = g_modules;
    g_modules = head;
  }
}
