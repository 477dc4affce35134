// use-after-release: a pointer to a field of an [[owner]] object outlives the delete of that object and is written through
struct Account {
  long balance = 0;
  int flags = 0;
};

void close_account(long refund) {
  [[owner]] Account* acct = new Account{};
  long* bal = &acct->balance;
  *bal += refund;
  delete acct;
  *bal = 0;  // expect: use-after-release  // fix: use-after-release
}
