/* For tests: a library that exports its table under the wrong name, so regioncheck_allocator is missing. */
#define EXAMPLE_NAME "AdapterMissingSymbol"
#define regioncheck_allocator regioncheck_allocater
#include "../../../Examples/allocators/ExampleAllocator/example_allocator.c"
