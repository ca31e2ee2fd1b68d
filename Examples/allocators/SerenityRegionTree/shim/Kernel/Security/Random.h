#pragma once
// The controllable random source: a stream the adapter seeds from the checker's candidate.
#include <AK/Types.h>
namespace Kernel {
FlatPtr shim_next_random();
template<typename T>
T get_fast_random() { return static_cast<T>(shim_next_random()); }
}
