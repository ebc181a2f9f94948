using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace HappyHorse.Journal
{
    /// <summary>
    /// An append-only JSON-lines file of every job a batch submitted. Each line is flushed to disk
    /// before the caller goes on, so a job is never written to the pipeline before it is on disk.
    /// One writer per file and process: cmdlets of one pipeline share it; a second process is
    /// refused, since two writers could each decide a row is unsent and pay for it twice.
    /// </summary>
    internal sealed class JobJournal
    {
        private static readonly Dictionary<string, JobJournal> OpenJournals = new Dictionary<string, JobJournal>(StringComparer.Ordinal);
        private readonly object _gate = new object();
        private readonly FileStream _lock;
        private readonly FileStream _file;
        private int _users;

        private JobJournal(string path, FileStream lockFile, FileStream file, JournalState state)
        {
            Path = path;
            _lock = lockFile;
            _file = file;
            State = state;
        }

        public string Path { get; }

        /// <summary>Everything the file held when opened, plus everything appended since.</summary>
        public JournalState State { get; }

        /// <summary>Opens (or shares) the journal at a full path. Pair with <see cref="Release"/>.</summary>
        /// <exception cref="IOException">Another process holds the journal, or the file cannot be opened.</exception>
        public static JobJournal Acquire(string fullPath)
        {
            lock (OpenJournals)
            {
                if (!OpenJournals.TryGetValue(fullPath, out var journal))
                {
                    journal = Open(fullPath);
                    OpenJournals[fullPath] = journal;
                }
                journal._users++;
                return journal;
            }
        }

        public void Release()
        {
            lock (OpenJournals)
            {
                if (--_users > 0) return;
                OpenJournals.Remove(Path);
                lock (_gate)
                {
                    _file.Dispose();
                    _lock.Dispose();
                }
            }
        }

        /// <summary>Appends one record and flushes it through to the disk before returning.</summary>
        public void Append(JournalRecord record)
        {
            byte[] line = JournalCodec.Encode(record);
            lock (_gate)
            {
                _file.Write(line, 0, line.Length);
                _file.Flush(flushToDisk: true);
                State.Apply(record);
            }
        }

        /// <summary>Reads a journal without taking it: for listing while another process writes.</summary>
        public static JournalState Read(string fullPath)
        {
            var state = new JournalState();
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Load(stream, state);
            return state;
        }

        private static JobJournal Open(string fullPath)
        {
            string? folder = System.IO.Path.GetDirectoryName(fullPath);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            FileStream lockFile;
            try
            {
                lockFile = new FileStream(fullPath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException ex)
            {
                throw new IOException($"The journal {fullPath} is in use by another process (it holds {fullPath}.lock). Wait for that run to end, or use another -JournalPath.", ex);
            }

            try
            {
                var file = new FileStream(fullPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
                var state = new JournalState();
                Load(file, state);
                // A torn last line must not glue itself to the next record.
                if (file.Length > 0)
                {
                    file.Seek(-1, SeekOrigin.End);
                    if (file.ReadByte() != '\n') { file.WriteByte((byte)'\n'); file.Flush(true); }
                }
                file.Seek(0, SeekOrigin.End);
                return new JobJournal(fullPath, lockFile, file, state);
            }
            catch
            {
                lockFile.Dispose();
                throw;
            }
        }

        private static void Load(Stream stream, JournalState state)
        {
            using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 64 * 1024, leaveOpen: true);
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                if (line.Length == 0) continue;
                var record = JournalCodec.Decode(line);
                if (record == null) state.SkippedLines++;
                else state.Apply(record);
            }
        }
    }
}
