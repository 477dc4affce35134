// release-of-borrow: a function receiving a reference deletes the referenced object through its address
#include <vector>

struct Sensor {
  std::vector<double> readings;
};

void discard_sensor(Sensor& s) {
  s.readings.clear();
  delete &s;  // expect: release-of-borrow
}
