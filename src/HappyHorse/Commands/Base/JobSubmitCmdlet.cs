using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;
using HappyHorse.Input;
using HappyHorse.Journal;
using HappyHorse.Submitting;
using HappyHorse.Binding;
using HappyHorse.Records;
using HappyHorse.Session;

namespace HappyHorse.Commands.Base
{
    /// <summary>
    /// What every submitting cmdlet shares: several submits at once (-ThrottleLimit), the journal
    /// that makes a re-run re-attach instead of paying twice, cost estimates and the budget guard,
    /// and Ctrl+C that leaves every accepted job on disk. Jobs come out as they are accepted.
    /// </summary>
    public abstract class JobSubmitCmdlet : HHApiCmdlet
    {
        // After Ctrl+C, submits already on the wire get this long to be answered and journaled.
        protected override TimeSpan StopGrace => TimeSpan.FromMilliseconds(700);
        private readonly Dictionary<string, int> _occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly JournalAccess _journal = new JournalAccess();
        private readonly StoppedBatchNotice _acceptedSoFar = new StoppedBatchNotice();
        private SubmitBudget? _budget;
        private volatile bool _stoppedByUser;
        private bool? _shouldProcessShows;
        private bool? _wantsEstimate;

        // Set (from any thread) when the journal could not be written: nothing more may be submitted.
        private Exception? _journalFailure;

        /// <summary>How many submits may be in flight at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>Append-only record of every submit; rows it already holds are not submitted again.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>Send rows again whose earlier submit, per the journal, has an unknown outcome (may pay twice).</summary>
        [Parameter]
        public SwitchParameter ResubmitUnknown { get; set; }

        /// <summary>
        /// Send rows again whose last job, per the journal, ended failed: each is a new attempt, recorded
        /// as such. Never rows with an unknown outcome, succeeded or cancelled ones.
        /// </summary>
        [Parameter]
        public SwitchParameter RetryFailed { get; set; }

        /// <summary>Budget in USD for this run's new submissions, from the catalog price: the row that would pass it stops the batch.</summary>
        [Parameter]
        [ValidateRange(0.0, 1000000.0)]
        public double? MaxTotalCost { get; set; }

        /// <summary>The column that names each row in views and messages (the job's Title); `name` when not given.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TitleColumn { get; set; }

        /// <summary>The API a row names in a BaseUri column; a cmdlet that has read the row's cells already answers from them.</summary>
        private protected virtual string? ClaimedBaseUri(PSObject? row) => ConnectionResolver.ClaimedBaseUri(row);

        /// <summary>The title of a row, as the job will carry it.</summary>
        internal string? TitleOf(PSObject? rowObject) => RowTitle.Of(rowObject, TitleColumn);

        internal BatchBreaker Breaker { get; } = new BatchBreaker();

        internal JobJournal? Journal => _journal.Journal;

        internal Exception? JournalFailure => Volatile.Read(ref _journalFailure);

        protected override void Begin()
        {
            _budget = new SubmitBudget(this);
            string? journalPath = JournalAccess.ResolvePath(this, JournalPath);
            if (journalPath != null)
            {
                var journal = _journal.Open(this, journalPath);
                WriteVerbose($"Journal {journalPath}: {journal.State.Jobs.Count} row(s) from earlier runs.");
            }
        }

        /// <summary>
        /// On the pipeline thread: re-attach, estimate, confirm, journal, then submit <paramref name="body"/>
        /// in a free slot. <paramref name="preflight"/>, if given, runs in that slot first; problems stop the row.
        /// </summary>
        private protected void SubmitRow(int row, object target, PSObject? rowObject, string model, JobBody body, int seconds,
            Func<CancellationToken, Task<IReadOnlyList<InputProblem>>>? preflight = null)
        {
            StopIfJournalFailed(row);
            // Where the token goes is the command's choice; a row may only agree with it.
            if (!AgreesWithDestination(ClaimedBaseUri(rowObject), ConfiguredBaseUri(), target, $"Row {row}")) return;

            // Row identity only matters to a journal; without one, skip the hashing.
            string? key = null;
            int occurrence = 0;
            var journal = _journal.Journal;
            if (journal != null)
            {
                key = RowKey.For(model, body.Key);
                _occurrences.TryGetValue(key, out int seen);
                occurrence = _occurrences[key] = seen + 1;
                if (JournalReattach.TryReattach(this, journal, row, target, rowObject, model, body, journal.Find(key, occurrence))) return;
            }

            var budget = _budget!;
            decimal? estimate = WantsEstimate() ? budget.Estimate(model, seconds) : null;
            string cost = estimate.HasValue ? $" Estimated cost {ModelPrice.Format(estimate.Value)}, running total {ModelPrice.Format(budget.EstimatedTotal + estimate.Value)}." : "";
            if (MaxTotalCost.HasValue) budget.Guard(row, target, model, estimate, (decimal)MaxTotalCost.Value);

            string? title = TitleOf(rowObject);
            bool go = true;
            var reason = ShouldProcessReason.None;
            if (ShouldProcessShows())
            {
                PerRowWork.CountConfirmText();
                string description = $"Submit row {row} to {model} (a paid generation of {seconds} s).{cost} Body:{Environment.NewLine}{body.ShownIndented}";
                go = ShouldProcess(description, ConfirmText.Query(row, title, model, body.Key, seconds, estimate, budget.EstimatedTotal), "Submit HappyHorse job", out reason);
            }
            if (go || reason == ShouldProcessReason.WhatIf) budget.Count(estimate);
            if (!go) return;

            var client = GetClient();
            StopIfBroken(client, row);
            if (!PumpUntil(() => WorkInFlight < ThrottleLimit)) StopPipeline();
            StopIfBroken(client, row);
            StopIfJournalFailed(row); // a submit that ended while this row waited may have broken it
            if (VerboseOn) WriteVerbose($"Row {row}: submitting to {client.BaseUri}models/{model}.");
            var pending = new JournalRecord
            {
                Event = JournalEvents.Submitting, RowKey = key, Occurrence = occurrence, Index = row, Model = model,
                BaseUri = client.BaseUri.AbsoluteUri.TrimEnd('/'), InputJson = body.Shown, Row = journal != null ? RowText(rowObject) : null,
            };
            // On disk before the body leaves: a crash from here on is "outcome unknown", never "unsent".
            // Checking the journal and writing this line are one step, so two pipelines of this process
            // sharing the journal cannot both find the row unsent.
            if (journal != null)
            {
                bool claimed;
                JournalJob? earlier;
                try
                {
                    claimed = journal.TryClaim(pending, ResubmitUnknown, RetryFailed, out earlier);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    _journalFailure = ex;
                    StopIfJournalFailed(row);
                    throw;
                }
                if (!claimed)
                {
                    JournalReattach.TryReattach(this, journal, row, target, rowObject, model, body, earlier);
                    return;
                }
            }
            // Nothing between the claim and StartWork may write to the pipeline: after Ctrl+C a write throws.
            StartWork(new RowSubmit(this, client, pending, body, rowObject, title, target, preflight).RunAsync);
        }

        /// <summary>
        /// Once the journal has failed, nothing more is submitted: a row paid for now could not be
        /// recorded. Submits already on the wire end first, so their jobs or errors come out.
        /// </summary>
        private void StopIfJournalFailed(int row)
        {
            var failure = JournalFailure;
            if (failure == null) return;
            WaitForWork();
            Flush();
            ThrowTerminatingError(ErrorRecords.Create("JournalWriteFailed", ErrorCategory.WriteError, _journal.Journal?.Path,
                $"Stopped before row {row}: the journal {_journal.Journal?.Path} could not be written ({failure.Message}). Row {row} and every later row were not submitted; rows before it were handled.",
                "Free disk space or fix the journal's folder, then run again with the same -JournalPath: rows it recorded are not paid for again."));
        }

        /// <summary>Every submit has landed: a batch the breaker stopped ends in its one terminating error.</summary>
        protected override void Complete(bool timedOut)
        {
            if (Breaker.Tripped) ThrowTerminatingError(BatchStop.Error(Breaker, GetClient().BaseUri.AbsoluteUri, null));
        }

        /// <summary>
        /// On the pipeline thread, before <paramref name="row"/> is sent: when the token was refused or
        /// the service could not be reached, the submits in flight land first, then one terminating
        /// error replaces the identical error every remaining row would get.
        /// </summary>
        private void StopIfBroken(RunComfyClient client, int row)
        {
            if (!Breaker.Tripped) return;
            WaitForWork();
            Flush();
            ThrowTerminatingError(BatchStop.Error(Breaker, client.BaseUri.AbsoluteUri, row));
        }

        protected override void StopProcessing()
        {
            _stoppedByUser = true;
            base.StopProcessing();
        }

        protected override void ReleaseResources()
        {
            // The base let submits still on the wire land first; without a journal, the console is
            // the only place left to name the paid jobs still running.
            if (_stoppedByUser && _journal.Journal == null) _acceptedSoFar.Warn(Host);
            _journal.Release();
        }

        /// <summary>From any thread: the server accepted <paramref name="row"/>.</summary>
        internal void Accepted(int row, string? title, string requestId)
        {
            Breaker.Accepted();
            _acceptedSoFar.Accepted(row, title, requestId);
        }

        /// <summary>Appends to the journal, if any; a failure stops further submits instead of escaping a background task.</summary>
        internal bool Record(JournalRecord record) => Record(record, out _);

        internal bool Record(JournalRecord record, out Exception? failure)
        {
            failure = null;
            var journal = _journal.Journal;
            if (journal == null || journal.TryAppend(record, out failure)) return true;
            Interlocked.CompareExchange(ref _journalFailure, failure, null);
            return false;
        }

        /// <summary>On the pipeline thread. After Ctrl+C the pipeline takes nothing more; the journal already has it.</summary>
        internal void Emit(string? verbose, HHVideoJob? job, ErrorRecord? error)
        {
            if (CancelToken.IsCancellationRequested) return;
            if (verbose != null) WriteVerbose(verbose);
            if (job != null)
            {
                SeenRequestIds.RememberAccepted(job);
                WriteObject(job);
            }
            if (error != null) WriteError(error);
        }

        /// <summary>
        /// Whether ShouldProcess would show or ask anything for a row (-WhatIf, -Confirm, a
        /// $ConfirmPreference at or below this command's impact, or -Verbose, which echoes the
        /// description); when not, it returns true without a word, so its texts are not built.
        /// </summary>
        private bool ShouldProcessShows() => _shouldProcessShows ??=
            VerboseOn || ShouldProcessPreferences.WhatIfOn(this) || ShouldProcessPreferences.ConfirmOn(this);

        /// <summary>
        /// Estimates cost a catalog read: only for -MaxTotalCost, -Confirm (shows each row's cost before it
        /// is paid for) and -WhatIf. None of them binds from the pipeline, so it is decided once, like
        /// <see cref="ShouldProcessShows"/>, instead of reading $WhatIfPreference for every row.
        /// </summary>
        private bool WantsEstimate() => _wantsEstimate ??=
            MaxTotalCost.HasValue || ShouldProcessPreferences.ConfirmGiven(this) || ShouldProcessPreferences.WhatIfOn(this);

        /// <summary>The model's catalog entry (cached for the session), or null with a warning when it cannot be read.</summary>
        internal CatalogEntry? ReadCatalog(string model)
        {
            try
            {
                return Await(CatalogBook.Lookup(GetClient(), model));
            }
            catch (RunComfyApiException ex)
            {
                WriteWarning($"Could not read the catalog entry of {model}: {ex.Message}");
                return null;
            }
        }

        private static Dictionary<string, string?>? RowText(PSObject? row)
        {
            if (row == null || !(row.BaseObject is PSCustomObject)) return null;
            var cells = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            // RowProperties, not row.Properties: enumerating those attaches PowerShell's reserved members to every row kept.
            foreach (var property in RowProperties.Of(row))
            {
                if (!(property is PSNoteProperty)) continue;
                cells[property.Name] = property.Value?.ToString();
            }
            return cells;
        }
    }
}
