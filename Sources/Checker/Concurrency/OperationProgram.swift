import Model

/// The atomic steps of one operation on one CPU, in the reference or with a concurrent mutant's
/// seam. A step that fails unwinds: the thread releases what it holds (one step per lock, in
/// reverse order) and returns the error.
public enum OperationProgram {
    /// Whether the concurrent explorer can split `operation` into steps (mmap anywhere or
    /// fixed-noreplace, munmap, mprotect, touch).
    public static func supports(_ operation: Operation) -> Bool {
        switch operation {
        case .mmap(_, _, let placement, _, _, _): placement == .anywhere || placement == .fixedNoReplace
        case .munmap, .mprotect, .touch: true
        case .failNext, .teardown, .exec: false
        }
    }

    public static func steps(of operation: Operation, mutations: Mutations) -> [AtomicStep] {
        switch operation {
        case .mmap:
            if mutations.contains(.kmallocUnderLock) {
                // Mutant seam: the free-range allocator's node is kmalloc'd with the space locked.
                return [.acquire(.addressSpace), .findHole, .acquire(.heap), .kmalloc, .release(.heap), .insertRegion,
                        .acquire(.memoryManager), .mapRegion, .release(.memoryManager), .release(.addressSpace), .returnToUser]
            }
            var steps: [AtomicStep] = [.acquire(.heap), .kmalloc, .release(.heap), .acquire(.addressSpace), .findHole]
            if mutations.contains(.nonAtomicFindInsert) {
                // Mutant seam: find and insert in two critical sections (02a95a196f0).
                steps += [.release(.addressSpace), .acquire(.addressSpace)]
            }
            return steps + [.insertRegion, .acquire(.memoryManager), .mapRegion, .release(.memoryManager),
                            .release(.addressSpace), .returnToUser]
        case .munmap:
            var steps: [AtomicStep] = [.acquire(.addressSpace), .acquire(.memoryManager), .unmapRegions,
                                       .release(.memoryManager), .flushLocalTLB]
            // Mutant seam: munmap flushes only its own CPU.
            if !mutations.contains(.missingTLBShootdown) { steps += [.sendShootdown, .completeShootdown] }
            return steps + [.release(.addressSpace), .returnToUser]
        case .mprotect:
            return [.acquire(.addressSpace), .acquire(.memoryManager), .protectRegions, .release(.memoryManager),
                    .flushLocalTLB, .sendShootdown, .completeShootdown, .release(.addressSpace), .returnToUser]
        case .touch:
            return [.hardwareAccess, .acquire(.heap), .kmalloc, .acquire(.addressSpace), .acquire(.memoryManager),
                    .resolveFault, .release(.memoryManager), .release(.addressSpace), .release(.heap), .returnToUser]
        case .failNext, .teardown, .exec:
            return [.returnToUser]
        }
    }
}
