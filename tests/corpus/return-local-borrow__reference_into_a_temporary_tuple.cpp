// return-local-borrow: a reference into a temporary tuple returned from the function; reading a pointer out of it would be a copy, but returning the reference itself borrows the temporary, which dies at the end of the statement
#include <tuple>

const int& first_of_pair(int a, int b) {
  return std::get<0>(std::make_tuple(a, b));  // expect: return-local-borrow
}
