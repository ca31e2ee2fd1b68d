#pragma once
// A minimal Region: the range and the tree node RegionTree needs, plus what the adapter reports
// (protection, memory-object identity and offset). Not SerenityOS's Region.
#include <AK/IntrusiveRedBlackTree.h>
#include <Kernel/Memory/VirtualRange.h>

namespace Kernel::Memory {

class RegionTree;

class Region {
public:
    VirtualAddress vaddr() const { return m_range.base(); }
    VirtualRange const& range() const { return m_range; }
    bool contains(VirtualAddress address) const { return m_range.contains(address); }
    bool contains(VirtualRange const& range) const { return m_range.contains(range); }

    u32 protection { 0 };
    u64 object { 0 };
    u64 offset { 0 }; // pages

private:
    friend class RegionTree;
    VirtualRange m_range { VirtualAddress(), 0 };

public:
    IntrusiveRedBlackTreeNode<FlatPtr, Region, RawPtr<Region>> m_tree_node;
};

}
