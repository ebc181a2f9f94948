using System;
using System.IO;
using System.Management.Automation;
using HappyHorse.Journal;
using HappyHorse.Records;

namespace HappyHorse.Session
{
    /// <summary>Finds the journal a cmdlet should write (-JournalPath, else the session's) and holds it until released.</summary>
    internal sealed class JournalAccess
    {
        private JobJournal? _journal;

        public JobJournal? Journal => _journal;

        /// <summary>A provider path (relative to the PowerShell location) as a full file-system path, or the session default.</summary>
        public static string? ResolvePath(PSCmdlet cmdlet, string? given)
        {
            if (string.IsNullOrWhiteSpace(given)) return SessionConnection.Current?.JournalPath;
            return cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(given);
        }

        /// <summary>Opens the journal at <paramref name="fullPath"/> (once); terminates the cmdlet when it cannot.</summary>
        public JobJournal Open(PSCmdlet cmdlet, string fullPath)
        {
            if (_journal != null) return _journal;
            try
            {
                _journal = JobJournal.Acquire(fullPath);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.Create("JournalUnavailable", ErrorCategory.ResourceBusy, fullPath,
                    $"Cannot open the journal {fullPath}: {ex.Message}",
                    "Nothing was submitted. Use another -JournalPath, or wait until the other run using this journal has ended."));
            }
            if (_journal!.State.SkippedLines > 0)
                cmdlet.WriteWarning($"The journal {fullPath} has {_journal.State.SkippedLines} unreadable line(s) (e.g. a line torn by a crash); they were skipped.");
            return _journal;
        }

        /// <summary>
        /// Reads a journal for listing (-Path, else the session's) without taking it from a run that
        /// writes it; null after reporting why not. Terminates when no journal is named at all.
        /// </summary>
        public static JournalState? ReadForListing(PSCmdlet cmdlet, string? given, string parameter, out string path)
        {
            path = ResolvePath(cmdlet, given) ?? "";
            if (path.Length == 0)
                cmdlet.ThrowTerminatingError(ErrorRecords.Create("NoJournal", ErrorCategory.InvalidArgument, null,
                    "No journal given.", $"Pass -{parameter}, or set a session journal with Connect-HHService -JournalPath."));
            try
            {
                var state = JobJournal.Read(path);
                if (state.SkippedLines > 0)
                    cmdlet.WriteWarning($"The journal {path} has {state.SkippedLines} unreadable line(s) (e.g. torn by a crash); they were skipped.");
                return state;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                cmdlet.WriteError(ErrorRecords.Create("JournalUnreadable", ErrorCategory.ReadError, path, $"Cannot read the journal {path}: {ex.Message}", "Check the path and its permissions."));
                return null;
            }
        }

        public void Release()
        {
            _journal?.Release();
            _journal = null;
        }
    }
}
