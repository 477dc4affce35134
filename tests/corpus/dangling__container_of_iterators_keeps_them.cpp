// dangling: iterators passed as values (push_back, insert of one value) are stored in a container of iterators and outlive the list they point into; only iterators taken by value as positions or range ends are not stored
#include <list>
#include <vector>

int first_of_dead_list() {
  std::vector<std::list<int>::iterator> its;
  {
    std::list<int> l{1, 2};
    its.push_back(l.begin());         // expect: dangling  // fix: dangling
    its.insert(its.end(), l.begin());  // expect: dangling  // fix: dangling
  }
  return *its[0];
}
