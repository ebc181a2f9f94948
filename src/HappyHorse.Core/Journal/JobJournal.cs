using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace HappyHorse.Journal
{
    /// <summary>
    /// An append-only JSON-lines file of every job a batch submitted. Each line is flushed to disk
    /// before the caller goes on, so a job is never written to the pipeline before it is on disk.
    /// One writer per file: the process that opens it holds an OS lock on the journal itself for
    /// the whole run, and a second process is refused, since two writers could each decide a row is
    /// unsent and pay for it twice. Within the process, every pipeline shares one handle, and
    /// "is this row unsent? then mark it sent" is one step (<see cref="TryClaim"/>).
    /// </summary>
    internal sealed class JobJournal
    {
        private static readonly Dictionary<string, JobJournal> OpenJournals = new Dictionary<string, JobJournal>(StringComparer.Ordinal);
        private readonly object _gate = new object();
        private readonly FileStream _file;
        private readonly SafeFileHandle _handle;
        private int _users;
        private bool _torn;

        private JobJournal(string path, FileStream file, JournalState state)
        {
            Path = path;
            _file = file;
            _handle = file.SafeFileHandle;
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

        /// <summary>Never throws: whatever fails on the way, the file and its lock are given back.</summary>
        public void Release()
        {
            lock (OpenJournals)
            {
                if (--_users > 0) return;
                // First, so the next Acquire opens the file afresh even if closing fails below.
                OpenJournals.Remove(Path);
                lock (_gate)
                {
                    try
                    {
                        var fault = JournalFaults.For(Path, JournalFaults.Release);
                        if (fault != null) throw fault;
                        _file.Dispose();
                    }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                    {
                        // Every line was flushed when it was written; there is nothing left to lose.
                        // The handle is closed below, so the stream must not try again when finalized.
                        GC.SuppressFinalize(_file);
                    }
                    finally
                    {
                        _handle.Dispose();
                    }
                }
            }
        }

        /// <summary>What the journal knows of a row slot now (see <see cref="JournalState.Find"/>), read under the writers' lock.</summary>
        public JournalJob? Find(string rowKey, int occurrence)
        {
            lock (_gate) return State.Find(rowKey, occurrence);
        }

        /// <summary>Appends one record and flushes it through to the disk before returning.</summary>
        /// <exception cref="IOException">The line could not be written (disk full, device error).</exception>
        public void Append(JournalRecord record)
        {
            lock (_gate) AppendLocked(record);
        }

        /// <summary>Like <see cref="Append"/>, but says why it failed instead of throwing.</summary>
        public bool TryAppend(JournalRecord record, out Exception? failure)
        {
            try
            {
                Append(record);
                failure = null;
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ObjectDisposedException)
            {
                failure = ex;
                return false;
            }
        }

        /// <summary>
        /// Atomically: when the journal has no live claim on <paramref name="pending"/>'s row (none at
        /// all, a proven not_submitted, an unknown outcome with <paramref name="resubmitUnknown"/>, or a
        /// job that ended failed with <paramref name="retryFailed"/>), appends it (the "submitting" line,
        /// which starts the row's next attempt) and returns true. Otherwise returns false with what the
        /// journal knows in <paramref name="earlier"/>: a submitted job, an unknown outcome, or a submit
        /// another pipeline of this process has in flight.
        /// </summary>
        public bool TryClaim(JournalRecord pending, bool resubmitUnknown, bool retryFailed, out JournalJob? earlier)
        {
            string key = pending.RowKey ?? throw new ArgumentException("A claim needs a row key.", nameof(pending));
            int occurrence = pending.Occurrence ?? 1;
            lock (_gate)
            {
                earlier = State.Find(key, occurrence);
                if (earlier != null && earlier.SubmitState != JournalEvents.NotSubmitted
                    && (earlier.InFlight || !((earlier.OutcomeUnknown && resubmitUnknown) || (earlier.EndedFailed && retryFailed))))
                    return false;
                AppendLocked(pending);
                var claimed = State.Find(key, occurrence);
                if (claimed != null) claimed.InFlight = true;
                earlier = null;
                return true;
            }
        }

        private void AppendLocked(JournalRecord record)
        {
            byte[] line = JournalCodec.Encode(record);
            // Append mode by hand: always at the current end, whatever the file position says.
            _file.Seek(0, SeekOrigin.End);
            if (_torn)
            {
                // A line a failed write left half-written must not swallow this one.
                _file.WriteByte((byte)'\n');
                _torn = false;
            }
            var fault = JournalFaults.For(Path, record.Event);
            try
            {
                if (fault != null)
                {
                    _file.Write(line, 0, line.Length / 2);
                    throw fault;
                }
                _file.Write(line, 0, line.Length);
                _file.Flush(flushToDisk: true);
            }
            catch
            {
                _torn = true;
                throw;
            }
            State.Apply(record);
        }

        /// <summary>Reads a journal without taking it: for listing while another process writes.</summary>
        public static JournalState Read(string fullPath)
        {
            var state = new JournalState();
            using var stream = JournalFile.OpenForReading(fullPath);
            Load(stream, state);
            return state;
        }

        private static JobJournal Open(string fullPath)
        {
            string? folder = System.IO.Path.GetDirectoryName(fullPath);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            FileStream file;
            try
            {
                file = JournalFile.OpenExclusive(fullPath);
            }
            catch (IOException ex) when (IsSharingViolation(ex))
            {
                throw new IOException($"The journal {fullPath} is in use by another process (it holds a lock on the file). Wait for that run to end, or use another -JournalPath.", ex);
            }

            try
            {
                var state = new JournalState();
                Load(file, state);
                var journal = new JobJournal(fullPath, file, state);
                // A torn last line must not glue itself to the next record.
                if (file.Length > 0)
                {
                    file.Seek(-1, SeekOrigin.End);
                    journal._torn = file.ReadByte() != '\n';
                }
                return journal;
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        // Windows: ERROR_SHARING_VIOLATION or ERROR_LOCK_VIOLATION. Unix: a refused flock, whose HResult
        // is the errno EWOULDBLOCK (11 on Linux, 35 on macOS and the BSDs).
        private static bool IsSharingViolation(IOException ex) =>
            JournalFile.IsWindows ? (ex.HResult & 0xFFFF) == 32 || (ex.HResult & 0xFFFF) == 33 : ex.HResult == 11 || ex.HResult == 35;

        private static void Load(Stream stream, JournalState state)
        {
            using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 64 * 1024, leaveOpen: true);
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                if (line.Length == 0) continue;
                var record = JournalCodec.Decode(line);
                if (record == null) state.ApplyUnreadable(line);
                else state.Apply(record);
            }
        }
    }
}
