using System.Management.Automation;
using HappyHorse.Input;
using HappyHorse.Journal;
using HappyHorse.Records;
using HappyHorse.Session;

namespace HappyHorse.Commands.Base
{
    /// <summary>
    /// A re-run meets its journal: a row an earlier run submitted is re-attached (its job written
    /// again, nothing paid), refused (outcome unknown, another pipeline submitting it, a journal
    /// naming another API), or let through (-RetryFailed, -ResubmitUnknown).
    /// </summary>
    internal static class JournalReattach
    {
        /// <summary>True when the journal says this row was already submitted (or may have been, or is being now).</summary>
        public static bool TryReattach(JobSubmitCmdlet cmdlet, JobJournal journal, int row, object target, PSObject? rowObject, string model, JobBody body, JournalJob? earlier)
        {
            if (earlier == null || earlier.SubmitState == JournalEvents.NotSubmitted) return false;
            string path = journal.Path;
            if (earlier.InFlight)
            {
                cmdlet.WriteError(ErrorRecords.Create("SubmitInProgress", ErrorCategory.ResourceBusy, target,
                    $"Row {row} was not submitted: another pipeline of this PowerShell session is submitting the same row with the journal {path} right now; its job comes out there.",
                    "Run each batch once per journal; rows another pipeline submitted are re-attached by a later run."));
                return true;
            }
            if (earlier.EndedFailed && cmdlet.RetryFailed)
            {
                cmdlet.WriteVerbose($"Row {row}: attempt {earlier.Attempt} ({earlier.RequestId}) failed ({earlier.Message ?? "no reason given"}); submitting attempt {earlier.Attempt + 1} (-RetryFailed).");
                return false;
            }
            if (earlier.OutcomeUnknown)
            {
                if (cmdlet.ResubmitUnknown) { cmdlet.WriteWarning($"Row {row}: an earlier submit of this row has an unknown outcome; sending it again (-ResubmitUnknown). It may be charged twice."); return false; }
                cmdlet.WriteError(ErrorRecords.Create("OutcomeUnknown", ErrorCategory.ResourceExists, target,
                    earlier.Message == JournalState.UnreadableMessage
                        ? $"Row {row} was not submitted: {earlier.Message} (journal {path})."
                        : $"Row {row} was not submitted: an earlier run sent it at {earlier.UpdatedAt:u} but never heard whether RunComfy accepted it ({earlier.Message ?? "the run ended mid-submit"}).",
                    "Check the RunComfy dashboard for the job. To send the row again anyway (it may be charged twice), add -ResubmitUnknown."));
                return true;
            }
            // The journal's base_uri is data: the job is followed on this command's API, or not at all.
            var api = cmdlet.ConfiguredBaseUri();
            if (!string.IsNullOrWhiteSpace(earlier.BaseUri) && !ConnectionResolver.SameApi(earlier.BaseUri!, api))
            {
                cmdlet.WriteError(ErrorRecords.Create("UntrustedBaseUri", ErrorCategory.SecurityError, target,
                    $"Row {row} was not submitted: the journal {path} says it was submitted as {earlier.RequestId} to '{ShownValue.Of(ShownValue.Url(earlier.BaseUri!))}' (its base_uri), " +
                    $"but this command sends the token to {ShownValue.Url(api.AbsoluteUri.TrimEnd('/'))}. A journal line never chooses where the token goes.",
                    "If that API is yours, follow the job with -BaseUri set to it, e.g. Wait-HHJob -RequestId " + earlier.RequestId + " -BaseUri <that API>."));
                return true;
            }
            cmdlet.WriteVerbose($"Row {row}: already submitted as {earlier.RequestId} (journal {path}); not sent again.");
            SeenRequestIds.Remember(earlier.RequestId!);
            var resumed = VideoJobs.Reattached(earlier, path, row, model, body.Shown, rowObject, cmdlet.TitleOf(rowObject), api, cmdlet.FindCredential());
            SeenRequestIds.Remember(resumed);
            cmdlet.WriteObject(resumed);
            return true;
        }
    }
}
