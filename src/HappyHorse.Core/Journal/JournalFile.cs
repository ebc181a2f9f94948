using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace HappyHorse.Journal
{
    /// <summary>
    /// Opens a journal file: exclusively for the one writer, and without any lock for readers, on
    /// Windows and on Unix alike. The lock is on the journal itself, so no side file can be deleted
    /// to get around it.
    /// </summary>
    internal static class JournalFile
    {
        internal static readonly bool IsWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>
        /// For the writer. Windows: the sharing mode lets readers in and keeps every other writer out.
        /// Unix: .NET takes flock(LOCK_EX) for FileShare.None (any other share is a shared lock that a
        /// second writer would get too). No buffer: every byte written is in the OS before Append returns.
        /// </summary>
        /// <exception cref="IOException">Another process holds the journal.</exception>
        public static FileStream OpenExclusive(string path) =>
            new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, IsWindows ? FileShare.Read : FileShare.None, 1, FileOptions.None);

        /// <summary>For listing while a run writes: takes no lock, so the writer's lock never stops it.</summary>
        public static FileStream OpenForReading(string path)
        {
            if (IsWindows) return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);

            // A FileStream opened by path asks for flock(LOCK_SH), which the writer's LOCK_EX refuses;
            // a plain open(2) takes no lock at all.
            int fd = NativeOpen(path, ReadOnly | CloseOnExec);
            if (fd < 0)
            {
                int errno = Marshal.GetLastWin32Error();
                string why = new Win32Exception(errno).Message;
                if (errno == ENOENT || errno == ENOTDIR) throw new FileNotFoundException($"Could not find file '{path}'.", path);
                if (errno == EACCES || errno == EPERM) throw new UnauthorizedAccessException($"Access to the path '{path}' is denied ({why}).");
                throw new IOException($"Cannot open '{path}': {why}.");
            }
            return new FileStream(new SafeFileHandle((IntPtr)fd, ownsHandle: true), FileAccess.Read, 64 * 1024);
        }

        private const int ReadOnly = 0;
        private const int EPERM = 1, ENOENT = 2, EACCES = 13, ENOTDIR = 20;
        private static readonly int CloseOnExec = RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? 0x1000000 : 0x80000;

        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        private static extern int NativeOpen(string path, int flags); // strings marshal as UTF-8 on Unix
    }
}
