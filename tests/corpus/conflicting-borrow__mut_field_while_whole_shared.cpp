// conflicting-borrow: a mutable reference to one field is taken while a shared reference to the whole struct is still used later (rustc E0502)
#include <string>

struct Account {
  std::string holder;
  long balance;
};

void print_account(const Account& a);

void apply_fee(const std::string& who, long fee) {
  Account acct{who, 100};
  const Account& snapshot = acct;
  long& bal = acct.balance;  // expect: conflicting-borrow
  bal -= fee;
  print_account(snapshot);
}
