using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using System.Management.Automation;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;
using HappyHorse.Input;
using HappyHorse.Journal;
using HappyHorse.LocalImages;
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
        private static readonly Action Wake = () => { };
        protected override TimeSpan StopGrace => TimeSpan.FromMilliseconds(700);
        private readonly CancellationTokenSource _submitStop = new CancellationTokenSource();
        private readonly Dictionary<string, int> _occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly JournalAccess _journal = new JournalAccess();
        private readonly Dictionary<string, ModelPrice?> _prices = new Dictionary<string, ModelPrice?>(StringComparer.OrdinalIgnoreCase);
        private readonly BatchBreaker _breaker = new BatchBreaker();
        private readonly StoppedBatchNotice _acceptedSoFar = new StoppedBatchNotice();
        private volatile bool _stoppedByUser;
        private decimal _estimatedTotal;
        private SubmitThrottle? _throttle;
        private bool? _shouldProcessShows;

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

        /// <summary>The title of a row, as the job will carry it.</summary>
        private protected string? TitleOf(PSObject? rowObject) => RowTitle.Of(rowObject, TitleColumn);

        protected override void BeginProcessing()
        {
            _throttle = new SubmitThrottle(() => Dispatcher.Post(Wake), ThrottleLimit);
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
            if (!AgreesWithDestination(rowObject, ConfiguredBaseUri(), target, $"Row {row}")) return;

            // Row identity only matters to a journal; without one, skip the hashing.
            string? key = null;
            int occurrence = 0;
            if (_journal.Journal != null)
            {
                key = RowKey.For(model, body.Key);
                _occurrences.TryGetValue(key, out int seen);
                occurrence = _occurrences[key] = seen + 1;
                if (TryReattach(row, target, rowObject, model, body, _journal.Journal.Find(key, occurrence))) return;
            }

            decimal? estimate = WantsEstimate() ? Estimate(model, seconds) : null;
            string cost = estimate.HasValue ? $" Estimated cost {ModelPrice.Format(estimate.Value)}, running total {ModelPrice.Format(_estimatedTotal + estimate.Value)}." : "";
            if (MaxTotalCost.HasValue) GuardBudget(row, target, model, estimate);

            string? title = TitleOf(rowObject);
            bool go = true;
            var reason = ShouldProcessReason.None;
            if (ShouldProcessShows())
            {
                PerRowWork.CountConfirmText();
                string description = $"Submit row {row} to {model} (a paid generation of {seconds} s).{cost} Body:{Environment.NewLine}{body.ShownIndented}";
                go = ShouldProcess(description, ConfirmText.Query(row, title, model, body.Key, seconds, estimate, _estimatedTotal), "Submit HappyHorse job", out reason);
            }
            if (go || reason == ShouldProcessReason.WhatIf) _estimatedTotal += estimate ?? 0;
            if (!go) return;

            var client = GetClient();
            StopIfBroken(client, row);
            if (!(Dispatcher.PumpUntil(() => _throttle!.HasFreeSlot, null, CancelToken) && !CancelToken.IsCancellationRequested)) throw new PipelineStoppedException();
            StopIfBroken(client, row);
            StopIfJournalFailed(row); // a submit that ended while this row waited may have broken it
            if (VerboseOn) WriteVerbose($"Row {row}: submitting to {client.BaseUri}models/{model}.");
            var journal = _journal.Journal;
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
                    TryReattach(row, target, rowObject, model, body, earlier);
                    return;
                }
            }
            // Nothing between the claim and Start may write to the pipeline: after Ctrl+C a write throws.
            _throttle!.Start(() => SubmitAsync(client, pending, body, rowObject, title, target, preflight));
        }

        /// <summary>
        /// Once the journal has failed, nothing more is submitted: a row paid for now could not be
        /// recorded. Submits already on the wire end first, so their jobs or errors come out.
        /// </summary>
        private void StopIfJournalFailed(int row)
        {
            var failure = Volatile.Read(ref _journalFailure);
            if (failure == null) return;
            Dispatcher.PumpUntil(() => _throttle!.InFlight == 0, null, CancelToken);
            Dispatcher.Drain();
            ThrowTerminatingError(ErrorRecords.Create("JournalWriteFailed", ErrorCategory.WriteError, _journal.Journal?.Path,
                $"Stopped before row {row}: the journal {_journal.Journal?.Path} could not be written ({failure.Message}). Row {row} and every later row were not submitted; rows before it were handled.",
                "Free disk space or fix the journal's folder, then run again with the same -JournalPath: rows it recorded are not paid for again."));
        }

        protected override void EndProcessing()
        {
            if (_throttle != null && !Dispatcher.PumpUntil(() => _throttle.InFlight == 0, null, CancelToken)) Stop();
            base.EndProcessing();
            if (_breaker.Tripped) ThrowTerminatingError(BatchStop.Error(_breaker, GetClient().BaseUri.AbsoluteUri, null));
        }

        /// <summary>
        /// On the pipeline thread, before <paramref name="row"/> is sent: when the token was refused or
        /// the service could not be reached, the submits in flight land first, then one terminating
        /// error replaces the identical error every remaining row would get.
        /// </summary>
        private void StopIfBroken(RunComfyClient client, int row)
        {
            if (!_breaker.Tripped) return;
            Dispatcher.PumpUntil(() => _throttle!.InFlight == 0, null, CancelToken);
            Dispatcher.Drain();
            ThrowTerminatingError(BatchStop.Error(_breaker, client.BaseUri.AbsoluteUri, row));
        }

        protected override void StopProcessing()
        {
            _stoppedByUser = true;
            base.StopProcessing();
            _submitStop.CancelAfter(StopGrace);
        }

        protected override void ReleaseResources()
        {
            // Submits still on the wire must land in the journal before it closes.
            _submitStop.CancelAfter(StopGrace);
            _throttle?.WaitIdle(TimeSpan.FromSeconds(5));
            // Without a journal, the console is the only place left to name the paid jobs still running.
            if (_stoppedByUser && _journal.Journal == null) _acceptedSoFar.Warn(Host);
            _journal.Release();
        }

        private void Stop()
        {
            Dispatcher.PumpUntil(() => _throttle!.InFlight == 0, DateTimeOffset.UtcNow + StopGrace + TimeSpan.FromMilliseconds(200), CancellationToken.None);
            throw new PipelineStoppedException();
        }

        private async Task SubmitAsync(RunComfyClient client, JournalRecord pending, JobBody body, PSObject? rowObject, string? title, object target,
            Func<CancellationToken, Task<IReadOnlyList<InputProblem>>>? preflight)
        {
            var journal = _journal.Journal;
            int row = pending.Index!.Value;
            try
            {
                if (preflight != null)
                {
                    var problems = await preflight(_submitStop.Token).ConfigureAwait(false);
                    if (problems.Count > 0)
                    {
                        string message = $"{JobLabel.Row(row, title)} was not submitted: preflight of its reference images failed: " + string.Join(" ", Messages(problems));
                        Record(journal, Follow(pending, JournalEvents.NotSubmitted, null, message));
                        Dispatcher.Post(() => Emit(null, null, ErrorRecords.Create("PreflightFailed", ErrorCategory.InvalidData, target, message,
                            "Fix or replace the named images (public, JPEG/PNG/WEBP, at most 10 MB, short side at least 400 px); nothing was sent for this row.")));
                        return;
                    }
                }
                if (Volatile.Read(ref _journalFailure) != null)
                {
                    // The journal broke while this row waited: sending it now could not be recorded.
                    Record(journal, Follow(pending, JournalEvents.NotSubmitted, null, "Not sent: the journal could not be written."));
                    return;
                }
                var receipt = await client.SubmitAsync(pending.Model!, body.Content, _submitStop.Token).ConfigureAwait(false);
                _breaker.Accepted();
                _acceptedSoFar.Accepted(row, title, receipt.RequestId);
                Record(journal, Follow(pending, JournalEvents.Submitted, receipt.RequestId, null));
                var job = new HHVideoJob
                {
                    RequestId = receipt.RequestId,
                    Model = pending.Model!,
                    SubmittedAt = DateTimeOffset.Now,
                    Index = row,
                    Title = title,
                    StatusUrl = receipt.StatusUrl?.AbsoluteUri,
                    ResultUrl = receipt.ResultUrl?.AbsoluteUri,
                    CancelUrl = receipt.CancelUrl?.AbsoluteUri,
                    BaseUri = pending.BaseUri!,
                    InputJson = pending.InputJson,
                    InputObject = rowObject,
                    JournalPath = journal?.Path,
                    Credential = client.Credential,
                    Origin = client.BaseUri,
                };
                job.DropDocumentedUrls();
                if (!Record(journal, Follow(pending, JournalEvents.Submitted, receipt.RequestId, null), out var lost))
                {
                    // Paid for but not on disk: the error itself must carry the job to the user.
                    Dispatcher.Post(() => Emit(null, null, ErrorRecords.Create("JournalWriteFailed", ErrorCategory.WriteError, job,
                        $"Row {row} was accepted as {receipt.RequestId} and will be charged, but the journal {journal!.Path} could not record it ({lost!.Message}). " +
                        "No later row is submitted, since nothing more can be recorded.",
                        $"Keep request id {receipt.RequestId}: the job is this error's TargetObject, and Wait-HHJob -RequestId {receipt.RequestId} collects it. " +
                        "A re-run with this journal does not know the row was submitted and would pay for it again.")));
                    return;
                }
                Dispatcher.Post(() => Emit(VerboseOn ? $"Row {row}: accepted as {receipt.RequestId}." : null, job, null));
            }
            catch (RunComfyApiException raw)
            {
                var ex = InlineImageErrors.Explain(raw, body);
                bool unknown = ex.Kind == ApiErrorKind.OutcomeUnknown;
                Record(journal, Follow(pending, unknown ? JournalEvents.Unknown : JournalEvents.NotSubmitted, null, ex.Message));
                // A refused token or an unreachable service: folded into the batch's one terminating error.
                if (_breaker.Trips(row, ex)) return;
                Dispatcher.Post(() => Emit(null, null, ErrorRecords.FromApi(ex, "Submit", target, JobLabel.Row(row, title))));
            }
            catch (OperationCanceledException)
            {
                // Cancelled between attempts (e.g. while honouring Retry-After): nothing was on the wire.
                Record(journal, Follow(pending, JournalEvents.NotSubmitted, null, "Stopped before the submit was sent."));
            }
        }

        /// <summary>Appends to the journal, if any; a failure stops further submits instead of escaping a background task.</summary>
        private bool Record(JobJournal? journal, JournalRecord record) => Record(journal, record, out _);

        private bool Record(JobJournal? journal, JournalRecord record, out Exception? failure)
        {
            failure = null;
            if (journal == null || journal.TryAppend(record, out failure)) return true;
            Interlocked.CompareExchange(ref _journalFailure, failure, null);
            return false;
        }

        /// <summary>On the pipeline thread. After Ctrl+C the pipeline takes nothing more; the journal already has it.</summary>
        private void Emit(string? verbose, HHVideoJob? job, ErrorRecord? error)
        {
            if (CancelToken.IsCancellationRequested) return;
            if (verbose != null) WriteVerbose(verbose);
            if (job != null)
            {
                SeenRequestIds.Remember(job);
                WriteObject(job);
            }
            if (error != null) WriteError(error);
        }

        /// <summary>
        /// Whether ShouldProcess would show or ask anything for a row (-WhatIf, -Confirm, a
        /// $ConfirmPreference at or below this command's impact, or -Verbose, which echoes the
        /// description); when not, it returns true without a word, so its texts are not built.
        /// </summary>
        private bool ShouldProcessShows() => _shouldProcessShows ??= VerboseOn || WhatIfOn() || ConfirmOn();

        private bool WhatIfOn()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var given)) return given is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(given);
            return LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        }

        private bool ConfirmOn()
        {
            if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var given)) return given is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(given);
            object? value = GetVariableValue("ConfirmPreference");
            if (value is PSObject pso) value = pso.BaseObject;
            // Unreadable: assume it may ask, and build the texts.
            if (!(value is ConfirmImpact preference) && !LanguagePrimitives.TryConvertTo(value, out preference)) return true;
            var impact = ((CmdletAttribute?)Attribute.GetCustomAttribute(GetType(), typeof(CmdletAttribute)))?.ConfirmImpact ?? ConfirmImpact.Medium;
            return preference != ConfirmImpact.None && impact >= preference;
        }

        private bool WantsEstimate()
        {
            if (MaxTotalCost.HasValue) return true;
            // -Confirm shows each row's cost before it is paid for.
            if (MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) && (confirm is SwitchParameter c ? c.IsPresent : LanguagePrimitives.IsTrue(confirm))) return true;
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var given)) return given is SwitchParameter s ? s.IsPresent : LanguagePrimitives.IsTrue(given);
            return LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        }

        /// <summary>Price × duration from the catalog (read once per model per session); null when it cannot be known.</summary>
        private decimal? Estimate(string model, int seconds)
        {
            if (!_prices.TryGetValue(model, out var price))
            {
                if (!MaxTotalCost.HasValue && FindCredential() == null)
                {
                    WriteVerbose($"No token to read the price of {model}: no cost estimate.");
                    _prices[model] = null;
                    return null;
                }
                price = ReadCatalog(model)?.Price;
                WriteVerbose(price == null ? $"No price known for {model}." : $"Price of {model}: {ModelPrice.Format(price.BasePriceUsd)} per {price.Unit ?? "(unknown unit)"}.");
                _prices[model] = price;
            }
            return price?.Estimate(seconds);
        }

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

        /// <summary>Stops the batch before the row whose estimate would pass -MaxTotalCost; earlier rows' submits finish first.</summary>
        private void GuardBudget(int row, object target, string model, decimal? estimate)
        {
            decimal budget = (decimal)MaxTotalCost!.Value;
            if (estimate == null)
                ThrowTerminatingError(ErrorRecords.Create("CostUnknown", ErrorCategory.InvalidOperation, model,
                    $"Row {row} was not submitted: the price of {model} is unknown, so -MaxTotalCost {ModelPrice.Format(budget)} cannot be enforced. Rows before it ({(row - 1)}) were handled; no later row was sent.",
                    "Run without -MaxTotalCost, or check that the catalog entry of the model is reachable."));
            if (_estimatedTotal + estimate!.Value <= budget) return;
            Dispatcher.PumpUntil(() => _throttle!.InFlight == 0, null, CancelToken);
            Dispatcher.Drain();
            ThrowTerminatingError(ErrorRecords.Create("BudgetExceeded", ErrorCategory.LimitsExceeded, target,
                $"Stopped at row {row}: its estimated {ModelPrice.Format(estimate.Value)} would bring this run to {ModelPrice.Format(_estimatedTotal + estimate.Value)}, past -MaxTotalCost {ModelPrice.Format(budget)}. " +
                $"Rows before it were submitted (estimated {ModelPrice.Format(_estimatedTotal)}); row {row} and every later row were not submitted.",
                "Raise -MaxTotalCost, or submit the remaining rows in another run (with the same -JournalPath, rows already submitted are not paid for again)."));
        }

        /// <summary>True when the journal says this row was already submitted (or may have been, or is being now).</summary>
        private bool TryReattach(int row, object target, PSObject? rowObject, string model, JobBody body, JournalJob? earlier)
        {
            if (earlier == null || earlier.SubmitState == JournalEvents.NotSubmitted) return false;
            string path = _journal.Journal!.Path;
            if (earlier.InFlight)
            {
                WriteError(ErrorRecords.Create("SubmitInProgress", ErrorCategory.ResourceBusy, target,
                    $"Row {row} was not submitted: another pipeline of this PowerShell session is submitting the same row with the journal {path} right now; its job comes out there.",
                    "Run each batch once per journal; rows another pipeline submitted are re-attached by a later run."));
                return true;
            }
            if (earlier.EndedFailed && RetryFailed)
            {
                WriteVerbose($"Row {row}: attempt {earlier.Attempt} ({earlier.RequestId}) failed ({earlier.Message ?? "no reason given"}); submitting attempt {earlier.Attempt + 1} (-RetryFailed).");
                return false;
            }
            if (earlier.OutcomeUnknown)
            {
                if (ResubmitUnknown) { WriteWarning($"Row {row}: an earlier submit of this row has an unknown outcome; sending it again (-ResubmitUnknown). It may be charged twice."); return false; }
                WriteError(ErrorRecords.Create("OutcomeUnknown", ErrorCategory.ResourceExists, target,
                    earlier.Message == JournalState.UnreadableMessage
                        ? $"Row {row} was not submitted: {earlier.Message} (journal {path})."
                        : $"Row {row} was not submitted: an earlier run sent it at {earlier.UpdatedAt:u} but never heard whether RunComfy accepted it ({earlier.Message ?? "the run ended mid-submit"}).",
                    "Check the RunComfy dashboard for the job. To send the row again anyway (it may be charged twice), add -ResubmitUnknown."));
                return true;
            }
            // The journal's base_uri is data: the job is followed on this command's API, or not at all.
            var api = ConfiguredBaseUri();
            if (!string.IsNullOrWhiteSpace(earlier.BaseUri) && !ConnectionResolver.SameApi(earlier.BaseUri!, api))
            {
                WriteError(ErrorRecords.Create("UntrustedBaseUri", ErrorCategory.SecurityError, target,
                    $"Row {row} was not submitted: the journal {path} says it was submitted as {earlier.RequestId} to '{ShownValue.Of(ShownValue.Url(earlier.BaseUri!))}' (its base_uri), " +
                    $"but this command sends the token to {ShownValue.Url(api.AbsoluteUri.TrimEnd('/'))}. A journal line never chooses where the token goes.",
                    "If that API is yours, follow the job with -BaseUri set to it, e.g. Wait-HHJob -RequestId " + earlier.RequestId + " -BaseUri <that API>."));
                return true;
            }
            WriteVerbose($"Row {row}: already submitted as {earlier.RequestId} (journal {path}); not sent again.");
            SeenRequestIds.Remember(earlier.RequestId!);
            var resumed = new HHVideoJob
            {
                RequestId = earlier.RequestId!,
                Model = earlier.Model ?? model,
                SubmittedAt = earlier.SubmittedAt?.ToLocalTime() ?? DateTimeOffset.Now,
                Index = row,
                Title = TitleOf(rowObject),
                BaseUri = api.AbsoluteUri.TrimEnd('/'),
                InputJson = earlier.InputJson ?? body.Shown,
                InputObject = rowObject,
                JournalPath = path,
                Resumed = true,
                // Lend this run's token so `New-HHVideoJob -Token t | Wait-HHJob` waits on re-attached jobs too.
                Credential = FindCredential(),
                Origin = api,
            };
            SeenRequestIds.Remember(resumed);
            WriteObject(resumed);
            return true;
        }

        private static JournalRecord Follow(JournalRecord pending, string evt, string? requestId, string? message) => new JournalRecord
        {
            Event = evt, RowKey = pending.RowKey, Occurrence = pending.Occurrence, Index = pending.Index,
            RequestId = requestId, Message = message,
        };

        private static Dictionary<string, string?>? RowText(PSObject? row)
        {
            if (row == null || !(row.BaseObject is PSCustomObject)) return null;
            var cells = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in row.Properties)
            {
                if (!(property is PSNoteProperty)) continue;
                cells[property.Name] = property.Value?.ToString();
            }
            return cells;
        }

        private static IEnumerable<string> Messages(IReadOnlyList<InputProblem> problems)
        {
            foreach (var p in problems) yield return p.Message;
        }
    }
}
