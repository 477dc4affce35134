#include <platform.h>

#include "app/config.h"
#include "vendor/json.h"

int main() { return static_cast<int>(rename("a").size() + vendor_rename("b").size() + platform_rename("c").size()); }
