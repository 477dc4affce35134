// ok: moving a unique_ptr into a member or a container that outlives the function hands its
// pointee over; a raw pointer from get() taken before the move still points at the live object,
// now owned there (decisions.md, "A moved smart pointer keeps its pointee"). The registry idiom.
// expect-none
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

struct Widget {
  int v = 0;
};

struct Registry {
  std::map<std::string, std::unique_ptr<Widget>> items;
  std::vector<std::unique_ptr<Widget>> list;

  Widget* add(const std::string& k) {
    auto up = std::make_unique<Widget>();
    Widget* raw = up.get();
    items[k] = std::move(up);
    return raw;
  }

  Widget* push() {
    std::unique_ptr<Widget> up(new Widget);
    Widget* raw = up.get();
    raw->v = 3;
    list.push_back(std::move(up));
    raw->v = 4;
    return raw;
  }

  Widget& adopt(std::shared_ptr<Widget>& out) {
    auto sp = std::make_shared<Widget>();
    Widget& w = *sp;
    out = std::move(sp);
    return w;
  }
};

Widget* first_of(std::vector<std::unique_ptr<Widget>>& all) {
  Widget* raw = nullptr;
  {
    auto up = std::make_unique<Widget>();
    raw = up.get();
    all.push_back(std::move(up));
  }
  return raw;
}


// Handed to a member function of an object that outlives the function: it keeps it.
struct Node {
  int v = 0;
  std::vector<std::unique_ptr<Node>> kids;
  void addChild(std::unique_ptr<Node> n) { kids.push_back(std::move(n)); }
  Node* make() {
    auto n = std::make_unique<Node>();
    Node* raw = n.get();
    addChild(std::move(n));
    return raw;
  }
};

Node* grow(Node* parent) {
  auto n = std::make_unique<Node>();
  Node* raw = n.get();
  parent->addChild(std::move(n));
  raw->v = 1;
  return raw;
}
