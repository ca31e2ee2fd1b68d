import Foundation

/// Paths the checker writes (`--trace-out`, `--output`, `--corpus`, `--out`), checked before a
/// run so that a result is not lost at its end, and so that only regular files are replaced:
/// writing through a temporary file and a rename would turn a FIFO, a symlink or a device node
/// into a regular file.
public enum OutputPath {
    /// A file to create or replace: an existing one must be a regular file (not a symlink) we
    /// may write; a new one needs a writable directory.
    public static func checkFile(_ path: String, flag: String) throws(InputError) {
        guard !path.isEmpty else { throw InputError(source: flag, message: "is empty: give a file path") }
        var info = stat()
        if lstat(path, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            guard kind == S_IFREG else {
                throw InputError(source: flag, message: "\(path) is \(describe(kind)); only a regular file is replaced (or a new one created)")
            }
            guard access(path, W_OK) == 0 else { throw InputError(source: flag, message: "\(path) is not writable") }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        try checkWritableDirectory(parent.isEmpty ? "." : parent, flag: flag, for: path)
    }

    /// A directory to write files into, created if missing: an existing one must be a writable
    /// directory; otherwise its nearest existing ancestor must be.
    public static func checkDirectory(_ path: String, flag: String) throws(InputError) {
        guard !path.isEmpty else { throw InputError(source: flag, message: "is empty: give a directory") }
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw InputError(source: flag, message: "\(path) is not a directory") }
            guard access(path, W_OK) == 0 else { throw InputError(source: flag, message: "\(path) is not writable") }
            return
        }
        var ancestor = (path as NSString).deletingLastPathComponent
        while !ancestor.isEmpty && stat(ancestor, &info) != 0 { ancestor = (ancestor as NSString).deletingLastPathComponent }
        try checkWritableDirectory(ancestor.isEmpty ? "." : ancestor, flag: flag, for: path)
    }

    static func checkWritableDirectory(_ directory: String, flag: String, for path: String) throws(InputError) {
        var info = stat()
        guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw InputError(source: flag, message: "cannot create \(path): \(directory) is not a directory")
        }
        guard access(directory, W_OK) == 0 else {
            throw InputError(source: flag, message: "cannot create \(path): \(directory) is not writable")
        }
    }

    static func describe(_ kind: mode_t) -> String {
        switch kind {
        case S_IFLNK: "a symbolic link"
        case S_IFIFO: "a FIFO"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFDIR: "a directory"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }
}
