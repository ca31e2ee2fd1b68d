/* For tests: a table that claims an ABI version regioncheck does not speak. */
#define EXAMPLE_NAME "AdapterWrongABI"
#define RC_ABI_VERSION_OVERRIDE 99u
#include "../../../Examples/allocators/ExampleAllocator/example_allocator.c"
