// ok: getenv, strerror and the other C functions of system headers return storage of their own, not a borrow of their argument, so returning getenv(name.c_str()) with `name` local is fine; strchr still returns into its argument (return-local-borrow__strchr_into_local_string.cpp)
#include <cstdlib>
#include <cstring>
#include <string>

const char* string_from_env(const char* flag) {
  const std::string env_var = std::string("APP_") + flag;
  const char* const value = std::getenv(env_var.c_str());
  return value == nullptr ? "" : value;
}

const char* describe(int err) {
  std::string unused = "errno";
  const char* text = std::strerror(err);
  return text;
}
