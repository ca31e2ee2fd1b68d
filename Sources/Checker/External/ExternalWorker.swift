#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Model
import RegionCheckAdapter

/// The worker side: what `regioncheck adapter-worker` runs in its own process. It loads the
/// implementation with dlopen, creates an instance with the checker's hooks, and answers
/// requests (`WorkerProtocol`) on file descriptors 3 (in) and 4 (out) until the input closes. A
/// crash or hang here ends only this process; the parent reports it as `no-crash`.
public enum ExternalWorker {
    public static let requestDescriptor: Int32 = 3
    public static let responseDescriptor: Int32 = 4

    /// Serves until the parent closes the pipe; returns the process's exit status.
    public static func serve(path: String, universe: Universe) -> Int32 {
        let channel = WorkerChannel(input: requestDescriptor, output: responseDescriptor)
        let loaded: LoadedImplementation
        switch LoadedImplementation.load(path: path, universe: universe) {
        case .failure(let message):
            let bytes = Array(message.utf8)
            var words: [UInt64] = [1, UInt64(bytes.count)]
            for start in stride(from: 0, to: bytes.count, by: 8) {
                var word: UInt64 = 0
                for (k, byte) in bytes[start ..< min(start + 8, bytes.count)].enumerated() { word |= UInt64(byte) << (8 * UInt64(k)) }
                words.append(word)
            }
            _ = channel.send(words)
            return 0
        case .success(let implementation):
            loaded = implementation
        }
        guard channel.send([0, UInt64(loaded.capabilities.rawValue)]) else { return 0 }
        while let request = channel.receive() {
            guard request.count >= 2 else { return 2 }
            let observe = request[0] != 0
            let stepCount = Int(request[1])
            guard request.count == 2 + stepCount * WorkerProtocol.stepWords else { return 2 }
            var last: [UInt64] = [0, 0, 0, 0, 0, 0]
            for s in 0 ..< stepCount {
                let w = Array(request[2 + s * WorkerProtocol.stepWords ..< 2 + (s + 1) * WorkerProtocol.stepWords])
                last = loaded.run(w)
            }
            var response = last
            if observe { WorkerProtocol.appendObservation(loaded.observe(), to: &response) }
            guard channel.send(response) else { return 0 }
        }
        loaded.destroy()
        return 0
    }
}

/// An implementation loaded in this (worker) process, with its instance and the pools its hooks use.
final class LoadedImplementation {
    let table: rc_allocator
    var universe: rc_universe
    let pools: CheckerPools
    var hooks: rc_hooks
    var instance: UnsafeMutableRawPointer?
    let capabilities: ObservationCapabilities
    let createName: String

    enum Loading {
        case success(LoadedImplementation)
        case failure(String)
    }

    private init(table: rc_allocator, universe: Universe) {
        self.table = table
        self.universe = rc_universe(base: universe.base, pages: universe.pages, page_size: universe.pageSize,
                                    pages_per_table: universe.pagesPerTable, frames: UInt64(universe.frames),
                                    page_tables: UInt64(universe.pageTables))
        self.pools = CheckerPools(universe: universe)
        self.capabilities = ObservationCapabilities(rawValue: table.capabilities).union(.regions)
        self.createName = "\(ExternalImplementation.symbol).create"
        self.hooks = rc_hooks()
    }

    /// Loads the library and checks the table; a message naming the symbol when it cannot.
    static func load(path: String, universe: Universe) -> Loading {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            return .failure("cannot load the library: \(dlerror().map { String(cString: $0) } ?? "dlopen failed")")
        }
        let symbol = ExternalImplementation.symbol
        guard let address = dlsym(handle, symbol) else {
            return .failure("missing symbol '\(symbol)' (export one `const struct rc_allocator \(symbol)`, see Adapter/include/regioncheck_allocator.h)")
        }
        let table = address.assumingMemoryBound(to: rc_allocator.self).pointee
        guard table.abi_version == RC_ABI_VERSION else {
            return .failure("\(symbol).abi_version is \(table.abi_version), this regioncheck speaks ABI version \(RC_ABI_VERSION)")
        }
        let missing = [("create", table.create == nil), ("destroy", table.destroy == nil), ("mmap", table.mmap == nil),
                       ("munmap", table.munmap == nil), ("mprotect", table.mprotect == nil), ("touch", table.touch == nil),
                       ("teardown", table.teardown == nil), ("observe", table.observe == nil)].filter(\.1).map { "\(symbol).\($0.0)" }
        guard missing.isEmpty else { return .failure("missing function \(missing.joined(separator: ", ")) (NULL in the table)") }
        let loaded = LoadedImplementation(table: table, universe: universe)
        loaded.installHooks()
        guard loaded.recreate() else { return .failure("\(symbol).create returned NULL for universe \(universe)") }
        return .success(loaded)
    }

    private func installHooks() {
        hooks.context = Unmanaged.passUnretained(pools).toOpaque()
        hooks.allocate_page_table = { context, table in hookPools(context).allocateTable(table) }
        hooks.free_page_table = { context, table in hookPools(context).freeTable(table) }
        hooks.allocate_frame = { context, frame in
            guard let number = hookPools(context).allocateFrame() else { return KernelError.ENOMEM.errno }
            frame?.pointee = number
            return 0
        }
        hooks.free_frame = { context, frame in hookPools(context).freeFrame(frame) }
        hooks.read_frame = { context, frame in hookPools(context).read(frame) }
        hooks.write_frame = { context, frame, value in hookPools(context).write(frame, value) }
        hooks.heap_allocate = { context, size in
            hookPools(context).heapAllocated()
            return malloc(max(size, 1))
        }
        hooks.heap_free = { _, pointer in free(pointer) }
        hooks.placement_begin = { context in hookPools(context).placementBegin() }
        hooks.placement_end = { context in hookPools(context).placementEnd() }
    }

    /// Destroys the instance (if any), empties the pools and creates a fresh instance.
    func recreate() -> Bool {
        destroy()
        pools.reset()
        instance = withUnsafePointer(to: &universe) { u in withUnsafePointer(to: &hooks) { h in table.create!(u, h) } }
        return instance != nil
    }

    func destroy() {
        if let instance { table.destroy!(instance) }
        instance = nil
    }

    /// Runs one step (seven words) and returns `[errno, value, hasValue, tableAttempts, frameAttempts, refusals]`.
    func run(_ w: [UInt64]) -> [UInt64] {
        pools.tableAttempts = 0
        pools.frameAttempts = 0
        pools.refusals = 0
        var errno: Int32 = 0
        var value: UInt64 = 0
        var hasValue: UInt64 = 0
        switch WorkerProtocol.Opcode(rawValue: w[0]) {
        case .reset?:
            if !recreate() { errno = -1 }
        case .mmap?:
            var address: UInt64 = 0
            errno = table.mmap!(instance, w[1], UInt32(truncatingIfNeeded: w[2]), UInt32(truncatingIfNeeded: w[3]), w[4], w[5], w[6], &address)
            if errno == 0 { value = address; hasValue = 1 }
        case .munmap?:
            errno = table.munmap!(instance, w[1], w[2])
        case .mprotect?:
            errno = table.mprotect!(instance, w[1], w[2], UInt32(truncatingIfNeeded: w[3]))
        case .touch?:
            var word: UInt32 = 0
            errno = table.touch!(instance, w[1], w[2] != 0 ? 1 : 0, UInt32(truncatingIfNeeded: w[3]), &word)
            if errno == 0 { value = UInt64(word); hasValue = 1 }
        case .failNext?:
            if w[1] == 1 { pools.pendingFrameFailures += Int(w[2]) } else { pools.pendingTableFailures += Int(w[2]) }
        case .teardown?:
            table.teardown!(instance)
        case nil:
            errno = -2
        }
        return [UInt64(bitPattern: Int64(errno)), value, hasValue, UInt64(pools.tableAttempts), UInt64(pools.frameAttempts), UInt64(pools.refusals)]
    }

    func observe() -> Observation {
        let builder = ObservationBuilder(capabilities: capabilities)
        var observer = rc_observer()
        observer.context = Unmanaged.passUnretained(builder).toOpaque()
        observer.region = { context, base, size, protection, object, offset in
            observing(context).region(base: base, size: size, protection: protection, object: object, offset: offset)
        }
        observer.page_table = { _, _ in }
        observer.pte = { context, page, frame, writable in observing(context).pte(page: page, frame: frame, writable: writable != 0) }
        observer.tlb_entry = { context, page, frame, writable in observing(context).tlbEntry(page: page, frame: frame, writable: writable != 0) }
        observer.object = { context, id, count, references in observing(context).object(id: id, pageCount: count, referenceCount: references) }
        observer.populated_page = { context, object, page, frame in observing(context).populatedPage(object: object, page: page, frame: frame) }
        withUnsafePointer(to: &observer) { table.observe!(instance, $0) }
        return builder.finish(pools: pools)
    }
}

private func hookPools(_ context: UnsafeMutableRawPointer?) -> CheckerPools {
    Unmanaged<CheckerPools>.fromOpaque(context!).takeUnretainedValue()
}

private func observing(_ context: UnsafeMutableRawPointer?) -> ObservationBuilder {
    Unmanaged<ObservationBuilder>.fromOpaque(context!).takeUnretainedValue()
}
