// The reference implementation of a SerenityOS-style user address space.
