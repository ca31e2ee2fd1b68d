#!/bin/sh
# Builds libSerenityRegionTree.so from a SerenityOS checkout's real Kernel/Memory/RegionTree.cpp and
# VirtualRange.cpp, against its AK headers, with the shim in shim/ (stub locks, a minimal Region,
# a controllable random source, errno constants as AK::Error) and serenity_adapter.cpp.
#   build.sh SERENITY_CHECKOUT [OUTPUT.so]
# Nothing of SerenityOS is copied into this repository; CI skips this without a checkout.
set -eu
serenity=${1:?usage: build.sh SERENITY_CHECKOUT [OUTPUT.so]}
out=${2:-libSerenityRegionTree.so}
here=$(cd "$(dirname "$0")" && pwd)
for f in Kernel/Memory/RegionTree.cpp Kernel/Memory/VirtualRange.cpp AK/IntrusiveRedBlackTree.h; do
    [ -f "$serenity/$f" ] || { echo "build.sh: $serenity/$f not found: not a SerenityOS checkout" >&2; exit 2; }
done
cxx=${CXX:-clang++}
flags="-std=c++23 -O1 -fPIC -Wno-user-defined-literals -I $here/shim -I $serenity -include $here/shim/prelude.h"
# RegionTree.h and VirtualRange.h come from the checkout; Region.h, MemoryManager.h and the rest from shim/.
$cxx $flags -shared -o "$out" \
    "$serenity/Kernel/Memory/RegionTree.cpp" "$serenity/Kernel/Memory/VirtualRange.cpp" "$here/serenity_adapter.cpp"
echo "built $out"
