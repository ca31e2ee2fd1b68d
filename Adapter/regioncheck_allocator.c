/* The header is the whole contract; this file only gives the C target that carries it to Swift
 * (module RegionCheckAdapter) something to compile. */
#include "regioncheck_allocator.h"

unsigned rc_header_abi_version(void) { return RC_ABI_VERSION; }
