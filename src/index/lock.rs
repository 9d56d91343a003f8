//! Who holds the index's writer lock: a live writer, or one that is dying.
//!
//! Owns telling the two apart. Tantivy's writer lock is an advisory `flock` on
//! `.tantivy-writer.lock`, which the kernel releases when the holder's files are closed: a
//! process killed with SIGKILL keeps it for the moment the kernel takes to tear it down
//! (longer when it was blocked on a disk). On Linux `/proc/locks` names the process that
//! holds a lock and `/proc/PID/stat` says whether it is exiting. It must not take or release
//! the lock itself (the writer does, through Tantivy), nor decide how long to wait.

use std::path::Path;

/// Tantivy's writer lock file, in the index directory.
pub const WRITER_LOCK_FILE: &str = ".tantivy-writer.lock";

/// What is known of the process holding a lock file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// A process that is running: a live writer.
    Running { pid: u32 },
    /// A process that is being torn down (killed or exiting): the lock goes with it.
    Exiting { pid: u32 },
    /// No process holds it (it was just released), or it is not visible from here.
    Gone,
    /// This system cannot tell (not Linux, or `/proc` unreadable).
    Unknown,
}

/// The holder of the `flock` on the file at `lock_path`.
pub fn holder(lock_path: &Path) -> Holder {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        let Ok(inode) = std::fs::metadata(lock_path).map(|m| m.ino()) else {
            return Holder::Gone;
        };
        let Ok(locks) = std::fs::read_to_string("/proc/locks") else {
            return Holder::Unknown;
        };
        match lock_holder_pid(&locks, inode) {
            None => Holder::Gone,
            Some(pid) => match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
                Ok(stat) if stat_is_exiting(&stat) => Holder::Exiting { pid },
                Ok(_) => Holder::Running { pid },
                // It exited between the two reads.
                Err(_) => Holder::Gone,
            },
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = lock_path;
        Holder::Unknown
    }
}

/// The pid of the process holding a `FLOCK` on inode `inode`, from `/proc/locks` text.
/// Lines read `1: FLOCK  ADVISORY  WRITE 7477 fe:00:10010771 0 EOF`; only the inode is
/// compared, as overlay file systems report a device there other than `stat`'s.
fn lock_holder_pid(locks: &str, inode: u64) -> Option<u32> {
    locks.lines().find_map(|line| {
        let mut fields = line.split_whitespace().skip(1);
        if fields.next()? != "FLOCK" {
            return None;
        }
        let pid: i64 = fields.nth(2)?.parse().ok()?;
        let file = fields.next()?;
        let line_inode: u64 = file.rsplit(':').next()?.parse().ok()?;
        (line_inode == inode && pid > 0).then_some(pid as u32)
    })
}

/// The kernel's `PF_EXITING` task flag (include/linux/sched.h): set as a task starts to exit.
const PF_EXITING: u64 = 0x4;

/// Is the process whose `/proc/PID/stat` is `stat` exiting: a zombie, dead, or past the
/// start of its exit (killed, its memory and files being released)?
fn stat_is_exiting(stat: &str) -> bool {
    // `pid (comm) state ppid pgrp session tty_nr tpgid flags ...`; comm may hold spaces
    // and parentheses, so fields are counted from the last ')'.
    let Some(rest) = stat.rfind(')').map(|at| &stat[at + 1..]) else {
        return false;
    };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let state = fields.first().copied().unwrap_or("");
    let flags: u64 = fields.get(6).and_then(|f| f.parse().ok()).unwrap_or(0);
    matches!(state, "Z" | "X" | "x") || flags & PF_EXITING != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_locks_lines_name_the_holder_of_an_inode() {
        let locks = "1: POSIX  ADVISORY  WRITE 900 fe:00:42 0 EOF\n\
                     2: FLOCK  ADVISORY  WRITE 7477 fe:00:10010771 0 EOF\n\
                     3: FLOCK  ADVISORY  WRITE -1 00:2f:55 0 EOF\n";
        assert_eq!(lock_holder_pid(locks, 10010771), Some(7477));
        assert_eq!(
            lock_holder_pid(locks, 42),
            None,
            "POSIX locks are not Tantivy's"
        );
        assert_eq!(lock_holder_pid(locks, 55), None, "no visible pid");
        assert_eq!(lock_holder_pid(locks, 7), None);
        assert_eq!(lock_holder_pid("", 7), None);
    }

    #[test]
    fn exiting_processes_are_told_from_running_ones() {
        let running = "123 (newsdex) R 1 123 123 0 -1 4194560 100 0 0 0";
        let exiting = "123 (newsdex) R 1 123 123 0 -1 4194564 100 0 0 0";
        let zombie = "123 (news dex) (x)) Z 1 123 123 0 -1 4194560 100 0 0 0";
        assert!(!stat_is_exiting(running));
        assert!(stat_is_exiting(exiting));
        assert!(stat_is_exiting(zombie));
        assert!(!stat_is_exiting("garbage"));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn this_process_is_seen_holding_a_lock_it_took() {
        use std::os::fd::AsRawFd;
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join(WRITER_LOCK_FILE);
        let file = std::fs::File::create(&path).unwrap();
        assert_eq!(holder(&path), Holder::Gone);
        // SAFETY: flock on a descriptor this test owns.
        assert_eq!(unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) }, 0);
        assert_eq!(
            holder(&path),
            Holder::Running {
                pid: std::process::id()
            }
        );
        drop(file);
        assert_eq!(holder(&path), Holder::Gone);
    }
}
