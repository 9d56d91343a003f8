//! The index folder as storage: durable small-file writes and what a failed write means.
//!
//! Owns writing newsdex's own files beside Tantivy's (write a temporary file, sync it,
//! rename it over the old one, sync the folder: a crash leaves the old file or the new one,
//! never half of one), telling a full disk, a quota, a read-only file system or a permission
//! problem from other failures, and reading the space left on a file system. It must not
//! decide what to do about a failure (the writer does) nor know the index's layout.

use std::fmt;
use std::io::Write;
use std::path::Path;

/// A write failure the system named, which the user can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageCause {
    NoSpace,
    QuotaExceeded,
    ReadOnly,
    PermissionDenied,
}

impl StorageCause {
    /// What the user can do about it.
    pub fn hint(self) -> &'static str {
        match self {
            StorageCause::NoSpace | StorageCause::QuotaExceeded => {
                "free some space and run `newsdex index` again"
            }
            StorageCause::ReadOnly => "put the index on a writable file system with --index DIR",
            StorageCause::PermissionDenied => {
                "make the index folder writable for this user, or choose another --index DIR"
            }
        }
    }

    fn from_os_error(code: i32) -> Option<StorageCause> {
        // errno values shared by Linux and the BSDs/macOS, except EDQUOT (122 on Linux,
        // 69 on macOS and the BSDs).
        match code {
            28 => Some(StorageCause::NoSpace),
            30 => Some(StorageCause::ReadOnly),
            1 | 13 => Some(StorageCause::PermissionDenied),
            #[cfg(target_os = "linux")]
            122 => Some(StorageCause::QuotaExceeded),
            #[cfg(not(target_os = "linux"))]
            69 => Some(StorageCause::QuotaExceeded),
            _ => None,
        }
    }

    /// The cause of an I/O error, when it is one of these.
    pub fn of_io(error: &std::io::Error) -> Option<StorageCause> {
        use std::io::ErrorKind;
        if let Some(cause) = error.raw_os_error().and_then(StorageCause::from_os_error) {
            return Some(cause);
        }
        match error.kind() {
            ErrorKind::StorageFull => Some(StorageCause::NoSpace),
            ErrorKind::QuotaExceeded => Some(StorageCause::QuotaExceeded),
            ErrorKind::ReadOnlyFilesystem => Some(StorageCause::ReadOnly),
            ErrorKind::PermissionDenied => Some(StorageCause::PermissionDenied),
            _ => None,
        }
    }

    /// The cause of a Tantivy error. Tantivy wraps I/O errors in several ways, and an
    /// indexing thread that died of one leaves only its text in `ErrorInThread`, so after
    /// the typed cases the error's text is read for the system's own words.
    pub fn of_tantivy(error: &tantivy::TantivyError) -> Option<StorageCause> {
        use tantivy::TantivyError;
        use tantivy::directory::error::{LockError, OpenWriteError};
        let typed = match error {
            TantivyError::IoError(io) => StorageCause::of_io(io),
            TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, .. }) => {
                StorageCause::of_io(io_error)
            }
            TantivyError::LockFailure(LockError::IoError(io), _) => StorageCause::of_io(io),
            _ => None,
        };
        typed.or_else(|| StorageCause::of_text(&format!("{error:?} {error}")))
    }

    fn of_text(text: &str) -> Option<StorageCause> {
        const WORDS: [(&str, StorageCause); 8] = [
            ("No space left on device", StorageCause::NoSpace),
            ("StorageFull", StorageCause::NoSpace),
            ("Disk quota exceeded", StorageCause::QuotaExceeded),
            ("QuotaExceeded", StorageCause::QuotaExceeded),
            ("Read-only file system", StorageCause::ReadOnly),
            ("ReadOnlyFilesystem", StorageCause::ReadOnly),
            ("Permission denied", StorageCause::PermissionDenied),
            ("Operation not permitted", StorageCause::PermissionDenied),
        ];
        WORDS
            .iter()
            .find(|(words, _)| text.contains(words))
            .map(|&(_, cause)| cause)
    }
}

impl fmt::Display for StorageCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StorageCause::NoSpace => "no space left on the device",
            StorageCause::QuotaExceeded => "disk quota exceeded",
            StorageCause::ReadOnly => "read-only file system",
            StorageCause::PermissionDenied => "permission denied",
        })
    }
}

/// An index folder that can also be read where it cannot be written (a read-only file
/// system or a folder of another user's): Tantivy takes a lock file while it reads
/// `meta.json`, and where that file cannot be created nobody can be writing the index, so
/// the read goes ahead without it. Every other operation, the writer's lock among them,
/// is the folder's own and fails as it would.
#[derive(Clone, Debug)]
pub struct ReadOnlyTolerant(pub tantivy::directory::MmapDirectory);

impl tantivy::Directory for ReadOnlyTolerant {
    fn get_file_handle(
        &self,
        path: &Path,
    ) -> Result<
        std::sync::Arc<dyn tantivy::directory::FileHandle>,
        tantivy::directory::error::OpenReadError,
    > {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), tantivy::directory::error::DeleteError> {
        self.0.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, tantivy::directory::error::OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(
        &self,
        path: &Path,
    ) -> Result<tantivy::directory::WritePtr, tantivy::directory::error::OpenWriteError> {
        self.0.open_write(path)
    }

    fn atomic_read(
        &self,
        path: &Path,
    ) -> Result<Vec<u8>, tantivy::directory::error::OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.0.atomic_write(path, data)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.0.sync_directory()
    }

    fn acquire_lock(
        &self,
        lock: &tantivy::directory::Lock,
    ) -> Result<tantivy::directory::DirectoryLock, tantivy::directory::error::LockError> {
        use tantivy::directory::error::LockError;
        match self.0.acquire_lock(lock) {
            Err(LockError::IoError(io))
                if lock.filepath == tantivy::directory::META_LOCK.filepath
                    && matches!(
                        StorageCause::of_io(&io),
                        Some(StorageCause::ReadOnly | StorageCause::PermissionDenied)
                    ) =>
            {
                Ok(tantivy::directory::DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(
        &self,
        callback: tantivy::directory::WatchCallback,
    ) -> tantivy::Result<tantivy::directory::WatchHandle> {
        self.0.watch(callback)
    }
}

/// Bytes free for this user on the file system holding `path`, where the system says.
pub fn free_bytes(path: &Path) -> Option<u64> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::ffi::OsStrExt;
        let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
        let mut stats = std::mem::MaybeUninit::<libc::statvfs>::uninit();
        // SAFETY: statvfs writes into the struct it is given and reads the NUL-terminated
        // path; both outlive the call.
        let rc = unsafe { libc::statvfs(c_path.as_ptr(), stats.as_mut_ptr()) };
        if rc != 0 {
            return None;
        }
        // SAFETY: statvfs returned 0, so it filled the struct.
        let stats = unsafe { stats.assume_init() };
        // The field types are narrower on some 32-bit targets.
        #[allow(clippy::unnecessary_cast)]
        Some(stats.f_bavail as u64 * stats.f_frsize as u64)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = path;
        None
    }
}

/// A byte count for people: "812 KB", "3.4 MB", "1.2 GB".
pub fn human_bytes(bytes: u64) -> String {
    const MB: f64 = 1_000_000.0;
    let b = bytes as f64;
    if b < MB {
        format!("{} KB", bytes.div_ceil(1000))
    } else if b < 1000.0 * MB {
        format!("{:.1} MB", b / MB)
    } else {
        format!("{:.1} GB", b / (1000.0 * MB))
    }
}

/// The temporary name `atomic_write` writes `path` under first.
pub fn temporary_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tmp");
    path.with_file_name(name)
}

/// Replace the file at `path` with `bytes` so that a crash or a full disk at any moment
/// leaves either the old content or the new, and the new survives a power cut once this
/// returns. On failure the temporary file is removed.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temporary_path(path);
    let written = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    // The rename is durable once the folder's entry is on disk.
    #[cfg(unix)]
    if let Some(parent) = path.parent() {
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        std::fs::File::open(parent)?.sync_all()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_are_read_from_os_errors_and_tantivy_errors() {
        let full = std::io::Error::from_raw_os_error(28);
        assert_eq!(StorageCause::of_io(&full), Some(StorageCause::NoSpace));
        let ro = std::io::Error::from_raw_os_error(30);
        assert_eq!(StorageCause::of_io(&ro), Some(StorageCause::ReadOnly));
        let other = std::io::Error::other("something else");
        assert_eq!(StorageCause::of_io(&other), None);
        let wrapped = tantivy::TantivyError::from(std::io::Error::from_raw_os_error(28));
        assert_eq!(
            StorageCause::of_tantivy(&wrapped),
            Some(StorageCause::NoSpace)
        );
        // An indexing thread that died leaves only text behind.
        let in_thread = tantivy::TantivyError::ErrorInThread(format!(
            "{:?}",
            std::io::Error::from_raw_os_error(28)
        ));
        assert_eq!(
            StorageCause::of_tantivy(&in_thread),
            Some(StorageCause::NoSpace)
        );
        let killed = tantivy::TantivyError::ErrorInThread("The index writer was killed.".into());
        assert_eq!(StorageCause::of_tantivy(&killed), None);
    }

    #[test]
    fn atomic_writes_replace_whole_files_and_leave_no_temporary() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("aliases.json");
        atomic_write(&path, b"first").unwrap();
        atomic_write(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        assert!(!temporary_path(&path).exists());
        // A write that cannot happen leaves the old file as it was.
        let missing = dir.path().join("no-such-folder").join("x.json");
        assert!(atomic_write(&missing, b"x").is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
    }

    #[test]
    fn byte_counts_read_as_people_write_them() {
        assert_eq!(human_bytes(0), "0 KB");
        assert_eq!(human_bytes(812_000), "812 KB");
        assert_eq!(human_bytes(3_400_000), "3.4 MB");
        assert_eq!(human_bytes(1_200_000_000), "1.2 GB");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn free_space_is_read_for_an_existing_folder() {
        assert!(free_bytes(Path::new("/")).is_some());
        assert!(free_bytes(Path::new("/no/such/folder")).is_none());
    }
}
