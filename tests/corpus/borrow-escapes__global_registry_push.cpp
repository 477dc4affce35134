// borrow-escapes: the address of a reference parameter is pushed into a global registry that outlives the call (rustc E0521)
#include <string>
#include <vector>

struct Plugin {
  std::string name;
  int version;
};

std::vector<const Plugin*> g_plugins;

void register_plugin(const Plugin& p) {
  if (p.version < 2) {
    return;
  }
  g_plugins.push_back(&p);  // expect: borrow-escapes
}
