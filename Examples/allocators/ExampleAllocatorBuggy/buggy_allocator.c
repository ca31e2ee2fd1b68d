/* ExampleAllocatorBuggy: ExampleAllocator with one realistic bug. A fixed-noreplace placement
 * checks only the region at or below the range's base for an overlap, so a region that starts
 * inside the range is missed (the bug SerenityOS fixed in 9765f9f67ed). */
#define EXAMPLE_BUG_SPECIFIC_CHECK_KEYED_ON_BASE 1
#define EXAMPLE_NAME "ExampleAllocatorBuggy"
#include "../ExampleAllocator/example_allocator.c"
