/*
 * The real SerenityOS RegionTree (Kernel/Memory/RegionTree.cpp, VirtualRange.cpp, compiled from
 * a checkout by build.sh) behind regioncheck_allocator.h. Reports regions only: placement,
 * fixed placement and splitting run in SerenityOS's own code; this file only adds what
 * AddressSpace would (splitting on munmap/mprotect with VirtualRange::carve, region lookup for
 * touch, and the two sys$mmap checks before placement). Written for regioncheck; nothing here is
 * SerenityOS code. Explore and random it with --design serenity (its errno conventions).
 */
#include "../../../Adapter/include/regioncheck_allocator.h"

#include <Kernel/Memory/Region.h>
#include <Kernel/Memory/RegionTree.h>
#include <Kernel/Security/Random.h>

#include <stdlib.h>

using namespace Kernel::Memory;

namespace {

u64 random_state;

struct Space {
    rc_universe universe;
    RegionTree tree;
    u64 next_object { 1 };
    Space(rc_universe const& u)
        : universe(u)
        , tree(VirtualRange { VirtualAddress(u.base), u.pages * u.page_size })
    {
    }
};

int errno_of(AK::Error const& error) { return error.code(); }

/* Every region intersecting [base, end), ascending. */
Vector<Region*> intersecting(Space& s, VirtualRange const& range)
{
    Vector<Region*> found;
    for (auto& region : s.tree.regions())
        if (region.range().intersects(range))
            found.append(&region);
    return found;
}

/* Removes `range` from the tree, splitting regions partly covered; the parts keep the object,
 * at offset source.offset + distance. */
int unmap(Space& s, VirtualRange const& range)
{
    for (auto* source : intersecting(s, range)) {
        s.tree.remove(*source);
        for (auto& part : source->range().carve(range)) {
            auto* piece = new Region;
            piece->protection = source->protection;
            piece->object = source->object;
            piece->offset = source->offset + (part.base().get() - source->vaddr().get()) / s.universe.page_size;
            if (auto placed = s.tree.place_specifically(*piece, part); placed.is_error())
                abort(); /* the part was inside a region just removed: cannot fail */
        }
        delete source;
    }
    return RC_OK;
}

void* create(rc_universe const* universe, rc_hooks const*)
{
    return new Space(*universe);
}

void teardown(void* opaque)
{
    auto& s = *static_cast<Space*>(opaque);
    for (auto* region : intersecting(s, s.tree.total_range())) {
        s.tree.remove(*region);
        delete region;
    }
}

void destroy(void* opaque)
{
    teardown(opaque);
    delete static_cast<Space*>(opaque);
}

int mmap(void* opaque, u64 size, u32 protection, u32 placement, u64 address, u64 alignment, u64 candidate, u64* result)
{
    auto& s = *static_cast<Space*>(opaque);
    u64 P = s.universe.page_size;
    if (alignment == 0) alignment = P;
    if (size == 0 || size + P - 1 < size || alignment < P || (alignment & (alignment - 1))) return RC_EINVAL;
    u64 rounded = (size + P - 1) & ~(P - 1);
    /* What sys$mmap checks before it reaches the tree (serenity-notes section 2), restated here:
     * anonymous executable mappings are refused, and a fixed range must be a user range. */
    if (protection & RC_PROT_EXEC) return RC_EINVAL;
    bool fixed = placement == RC_PLACE_FIXED || placement == RC_PLACE_FIXED_NOREPLACE;
    if (fixed && (address + rounded < address || address + rounded > s.universe.base + s.universe.pages * P)) return RC_EFAULT;
    auto* region = new Region;
    region->protection = protection & 7u;
    region->object = s.next_object++;
    AK::ErrorOr<void> placed;
    switch (placement) {
    case RC_PLACE_ANYWHERE:
        placed = s.tree.place_anywhere(*region, RandomizeVirtualAddress::No, rounded, alignment);
        break;
    case RC_PLACE_RANDOMIZED:
        random_state = candidate * 0x9e3779b97f4a7c15ull + 1;
        placed = s.tree.place_anywhere(*region, RandomizeVirtualAddress::Yes, rounded, alignment);
        break;
    case RC_PLACE_FIXED_NOREPLACE:
    case RC_PLACE_FIXED: {
        if (address % P) { delete region; return RC_EINVAL; }
        if (address + rounded < address) { delete region; return RC_ENOMEM; }
        VirtualRange range { VirtualAddress(address), rounded };
        if (placement == RC_PLACE_FIXED && s.tree.total_range().contains(range)) unmap(s, range);
        placed = s.tree.place_specifically(*region, range);
        break;
    }
    default:
        delete region;
        return RC_EINVAL;
    }
    if (placed.is_error()) {
        delete region;
        return errno_of(placed.error());
    }
    *result = region->vaddr().get();
    return RC_OK;
}

int munmap(void* opaque, u64 address, u64 size)
{
    auto& s = *static_cast<Space*>(opaque);
    auto range = VirtualRange::expand_to_page_boundaries(address, size);
    if (range.is_error() || size == 0) return RC_EINVAL;
    return unmap(s, range.value());
}

int mprotect(void* opaque, u64 address, u64 size, u32 protection)
{
    auto& s = *static_cast<Space*>(opaque);
    if (size == 0) return RC_OK;
    auto expanded = VirtualRange::expand_to_page_boundaries(address, size);
    if (expanded.is_error()) return RC_EINVAL;
    auto range = expanded.value();
    u64 covered = 0;
    auto affected = intersecting(s, range);
    for (auto* region : affected) covered += region->range().intersect(range).size();
    if (covered != range.size()) return RC_ENOMEM;
    for (auto* source : affected) {
        if (source->protection == (protection & 7u)) continue;
        s.tree.remove(*source);
        auto middle = source->range().intersect(range);
        Vector<VirtualRange, 3> pieces;
        for (auto& part : source->range().carve(range)) pieces.append(part);
        pieces.append(middle);
        for (auto& part : pieces) {
            auto* piece = new Region;
            piece->protection = part == middle ? (protection & 7u) : source->protection;
            piece->object = source->object;
            piece->offset = source->offset + (part.base().get() - source->vaddr().get()) / s.universe.page_size;
            if (s.tree.place_specifically(*piece, part).is_error()) abort();
        }
        delete source;
    }
    return RC_OK;
}

int touch(void* opaque, u64 address, int write, u32 value, u32* result)
{
    auto& s = *static_cast<Space*>(opaque);
    auto* region = s.tree.find_region_containing(VirtualAddress(address));
    u32 needed = write ? RC_PROT_WRITE : (RC_PROT_READ | RC_PROT_WRITE);
    if (!region || !(region->protection & needed)) return RC_EFAULT;
    /* No memory behind the regions: reads see zero. */
    *result = write ? value : 0;
    return RC_OK;
}

void observe(void* opaque, rc_observer const* observer)
{
    auto& s = *static_cast<Space*>(opaque);
    for (auto& region : s.tree.regions())
        observer->region(observer->context, region.vaddr().get(), region.range().size(), region.protection, region.object, region.offset);
}

}

FlatPtr Kernel::shim_next_random()
{
    random_state ^= random_state >> 30;
    random_state *= 0xbf58476d1ce4e5b9ull;
    random_state ^= random_state >> 27;
    random_state *= 0x94d049bb133111ebull;
    random_state ^= random_state >> 31;
    return random_state;
}

/* User space has no kernel panic: a broken VERIFY is an abort (no-crash, SIGABRT). */
void ak_verification_failed(char const*) { abort(); }
void ak_assertion_failed(char const*) { abort(); }

extern "C" const rc_allocator regioncheck_allocator = {
    RC_ABI_VERSION, RC_CAP_REGIONS, "SerenityOS RegionTree",
    create, destroy, mmap, munmap, mprotect, touch, teardown, observe,
};
