#pragma once
// The two MemoryManager helpers VirtualRange.cpp uses, written for the shim.
#include <AK/Error.h>
#include <AK/Types.h>
namespace Kernel::Memory {
inline ErrorOr<FlatPtr> page_round_up(FlatPtr x)
{
    if (x > (~(FlatPtr)0 - (PAGE_SIZE - 1)))
        return AK::Error::from_errno(22);
    return (x + PAGE_SIZE - 1) & ~((FlatPtr)PAGE_SIZE - 1);
}
}
