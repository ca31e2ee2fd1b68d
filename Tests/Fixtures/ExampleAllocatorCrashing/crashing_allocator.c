/* ExampleAllocatorCrashing (for tests): ExampleAllocator that dereferences NULL whenever munmap
 * or a fixed mmap splits a region, and never returns from an mprotect of mapped pages to execute-only. */
#define EXAMPLE_CRASH_ON_SPLIT 1
#define EXAMPLE_HANG_ON_EXEC_ONLY 1
#define EXAMPLE_NAME "ExampleAllocatorCrashing"
#include "../../../Examples/allocators/ExampleAllocator/example_allocator.c"
