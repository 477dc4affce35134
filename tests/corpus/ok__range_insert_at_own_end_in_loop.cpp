// A range insert at a container's own end() inside a work-list loop (ninja's RecomputeDirty), and move-iterator ranges over a loop-local map inserted into a longer-lived one: iterators are positions, not stored values (spec 2a.5, 2b.1).
// expect-none
#include <deque>
#include <iterator>
#include <map>
#include <unordered_map>
#include <vector>

struct Node {
  int x;
};
bool Recompute(Node* n, std::vector<Node*>* stack, std::vector<Node*>* out);

bool RecomputeDirty(Node* initial_node, std::vector<Node*>* validation_nodes) {
  std::vector<Node*> stack;
  std::vector<Node*> new_validation_nodes;
  std::deque<Node*> nodes(1, initial_node);
  while (!nodes.empty()) {
    Node* node = nodes.front();
    nodes.pop_front();
    stack.clear();
    new_validation_nodes.clear();
    if (!Recompute(node, &stack, &new_validation_nodes)) return false;
    nodes.insert(nodes.end(), new_validation_nodes.begin(), new_validation_nodes.end());
    if (!new_validation_nodes.empty())
      validation_nodes->insert(validation_nodes->end(), new_validation_nodes.begin(), new_validation_nodes.end());
  }
  return true;
}

struct Dyndeps {
  std::vector<Node*> implicit;
};
struct DyndepFile : public std::map<Node*, Dyndeps> {};
bool Load(Node* n, DyndepFile* f);
bool Loaded(const std::vector<Node*>& nodes, const std::unordered_map<Node*, Dyndeps>& edges);

bool Finished(std::vector<Node*>& outputs) {
  std::vector<Node*> dyndep_nodes;
  std::unordered_map<Node*, Dyndeps> dyndep_edges;
  for (Node* node : outputs) {
    DyndepFile ddf;
    if (!Load(node, &ddf)) return false;
    dyndep_nodes.emplace_back(node);
    dyndep_edges.insert(std::make_move_iterator(ddf.begin()), std::make_move_iterator(ddf.end()));
  }
  return Loaded(dyndep_nodes, dyndep_edges);
}
