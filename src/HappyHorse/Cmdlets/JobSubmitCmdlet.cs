using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;
using HappyHorse.Input;
using HappyHorse.Journal;
using HappyHorse.LocalImages;
using HappyHorse.Submitting;

namespace HappyHorse.Cmdlets
{
    /// <summary>
    /// What every submitting cmdlet shares: several submits at once (-ThrottleLimit), the journal
    /// that makes a re-run re-attach instead of paying twice, cost estimates and the budget guard,
    /// and Ctrl+C that leaves every accepted job on disk. Jobs come out as they are accepted.
    /// </summary>
    public abstract class JobSubmitCmdlet : HHApiCmdlet
    {
        // After Ctrl+C, submits already on the wire get this long to be answered and journaled.
        private static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(700);
        private readonly CancellationTokenSource _submitStop = new CancellationTokenSource();
        private readonly Dictionary<string, int> _occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly JournalAccess _journal = new JournalAccess();
        private readonly Dictionary<string, ModelPrice?> _prices = new Dictionary<string, ModelPrice?>(StringComparer.OrdinalIgnoreCase);
        private decimal _estimatedTotal;
        private SubmitThrottle? _throttle;
        private bool? _shouldProcessShows;

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

        /// <summary>Budget in USD for this run's new submissions, from the catalog price: the row that would pass it stops the batch.</summary>
        [Parameter]
        [ValidateRange(0.0, 1000000.0)]
        public double? MaxTotalCost { get; set; }

        protected override void BeginProcessing()
        {
            _throttle = new SubmitThrottle(Dispatcher, ThrottleLimit);
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
            // Row identity only matters to a journal; without one, skip the hashing.
            string? key = null;
            int occurrence = 0;
            if (_journal.Journal != null)
            {
                key = RowKey.For(model, body.Key);
                _occurrences.TryGetValue(key, out int seen);
                occurrence = _occurrences[key] = seen + 1;
                if (TryReattach(row, target, rowObject, key, occurrence)) return;
            }

            decimal? estimate = WantsEstimate() ? Estimate(model, seconds) : null;
            string cost = estimate.HasValue ? $" Estimated cost {ModelPrice.Format(estimate.Value)}, running total {ModelPrice.Format(_estimatedTotal + estimate.Value)}." : "";
            if (MaxTotalCost.HasValue) GuardBudget(row, target, model, estimate);

            bool go = true;
            var reason = ShouldProcessReason.None;
            if (ShouldProcessShows())
            {
                PerRowWork.CountConfirmText();
                string description = $"Submit row {row} to {model} (a paid generation of {seconds} s).{cost} Body:{Environment.NewLine}{body.ShownIndented}";
                go = ShouldProcess(description, $"Submit row {row} to {model}? This starts a paid generation.{cost}", "Submit HappyHorse job", out reason);
            }
            if (go || reason == ShouldProcessReason.WhatIf) _estimatedTotal += estimate ?? 0;
            if (!go) return;

            var client = GetClient();
            if (!_throttle!.WaitForSlot(CancelToken)) throw new PipelineStoppedException();
            if (VerboseOn) WriteVerbose($"Row {row}: submitting to {client.BaseUri}models/{model}.");
            var journal = _journal.Journal;
            var pending = new JournalRecord
            {
                Event = JournalEvents.Submitting, RowKey = key, Occurrence = occurrence, Index = row, Model = model,
                BaseUri = client.BaseUri.AbsoluteUri.TrimEnd('/'), InputJson = body.Shown, Row = journal != null ? RowText(rowObject) : null,
            };
            // On disk before the body leaves: a crash from here on is "outcome unknown", never "unsent".
            // Nothing between this line and Start may write to the pipeline: after Ctrl+C a write throws.
            journal?.Append(pending);
            _throttle.Start(() => SubmitAsync(client, pending, body, rowObject, target, preflight));
        }

        protected override void EndProcessing()
        {
            if (_throttle != null && !_throttle.WaitForAll(null, CancelToken)) Stop();
            base.EndProcessing();
        }

        protected override void StopProcessing()
        {
            base.StopProcessing();
            _submitStop.CancelAfter(StopGrace);
        }

        protected override void ReleaseResources()
        {
            // Submits still on the wire must land in the journal before it closes.
            _submitStop.CancelAfter(StopGrace);
            _throttle?.WaitIdle(TimeSpan.FromSeconds(5));
            _journal.Release();
        }

        private void Stop()
        {
            _throttle!.WaitForAll(DateTimeOffset.UtcNow + StopGrace + TimeSpan.FromMilliseconds(200), CancellationToken.None);
            throw new PipelineStoppedException();
        }

        private async Task SubmitAsync(RunComfyClient client, JournalRecord pending, JobBody body, PSObject? rowObject, object target,
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
                        string message = $"Row {row} was not submitted: preflight of its reference images failed: " + string.Join(" ", Messages(problems));
                        journal?.Append(Follow(pending, JournalEvents.NotSubmitted, null, message));
                        Dispatcher.Post(() => Emit(null, null, ErrorRecords.Create("PreflightFailed", ErrorCategory.InvalidData, target, message,
                            "Fix or replace the named images (public, JPEG/PNG/WEBP, at most 10 MB, short side at least 400 px); nothing was sent for this row.")));
                        return;
                    }
                }
                var receipt = await client.SubmitAsync(pending.Model!, body.Content, _submitStop.Token).ConfigureAwait(false);
                journal?.Append(Follow(pending, JournalEvents.Submitted, receipt.RequestId, null));
                var job = new HHVideoJob
                {
                    RequestId = receipt.RequestId,
                    Model = pending.Model!,
                    SubmittedAt = DateTimeOffset.Now,
                    Index = row,
                    StatusUrl = receipt.StatusUrl?.AbsoluteUri,
                    ResultUrl = receipt.ResultUrl?.AbsoluteUri,
                    CancelUrl = receipt.CancelUrl?.AbsoluteUri,
                    BaseUri = pending.BaseUri!,
                    InputJson = pending.InputJson,
                    InputObject = rowObject,
                    JournalPath = journal?.Path,
                    Credential = client.Credential,
                };
                job.DropDocumentedUrls();
                Dispatcher.Post(() => Emit(VerboseOn ? $"Row {row}: accepted as {receipt.RequestId}." : null, job, null));
            }
            catch (RunComfyApiException raw)
            {
                var ex = InlineImageErrors.Explain(raw, body);
                bool unknown = ex.Kind == ApiErrorKind.OutcomeUnknown;
                journal?.Append(Follow(pending, unknown ? JournalEvents.Unknown : JournalEvents.NotSubmitted, null, ex.Message));
                Dispatcher.Post(() => Emit(null, null, ErrorRecords.FromApi(ex, "Submit", target)));
            }
            catch (OperationCanceledException)
            {
                // Cancelled between attempts (e.g. while honouring Retry-After): nothing was on the wire.
                journal?.Append(Follow(pending, JournalEvents.NotSubmitted, null, "Stopped before the submit was sent."));
            }
        }

        /// <summary>On the pipeline thread. After Ctrl+C the pipeline takes nothing more; the journal already has it.</summary>
        private void Emit(string? verbose, HHVideoJob? job, ErrorRecord? error)
        {
            if (CancelToken.IsCancellationRequested) return;
            if (verbose != null) WriteVerbose(verbose);
            if (job != null)
            {
                SeenRequestIds.Remember(job.RequestId);
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
            _throttle!.WaitForAll(null, CancelToken);
            Dispatcher.Drain();
            ThrowTerminatingError(ErrorRecords.Create("BudgetExceeded", ErrorCategory.LimitsExceeded, target,
                $"Stopped at row {row}: its estimated {ModelPrice.Format(estimate.Value)} would bring this run to {ModelPrice.Format(_estimatedTotal + estimate.Value)}, past -MaxTotalCost {ModelPrice.Format(budget)}. " +
                $"Rows before it were submitted (estimated {ModelPrice.Format(_estimatedTotal)}); row {row} and every later row were not submitted.",
                "Raise -MaxTotalCost, or submit the remaining rows in another run (with the same -JournalPath, rows already submitted are not paid for again)."));
        }

        /// <summary>True when the journal says this row was already submitted (or may have been).</summary>
        private bool TryReattach(int row, object target, PSObject? rowObject, string key, int occurrence)
        {
            var earlier = _journal.Journal?.State.Find(key, occurrence);
            if (earlier == null || earlier.SubmitState == JournalEvents.NotSubmitted) return false;
            if (earlier.OutcomeUnknown)
            {
                if (ResubmitUnknown) { WriteWarning($"Row {row}: an earlier submit of this row has an unknown outcome; sending it again (-ResubmitUnknown). It may be charged twice."); return false; }
                WriteError(ErrorRecords.Create("OutcomeUnknown", ErrorCategory.ResourceExists, target,
                    $"Row {row} was not submitted: an earlier run sent it at {earlier.UpdatedAt:u} but never heard whether RunComfy accepted it ({earlier.Message ?? "the run ended mid-submit"}).",
                    "Check the RunComfy dashboard for the job. To send the row again anyway (it may be charged twice), add -ResubmitUnknown."));
                return true;
            }
            WriteVerbose($"Row {row}: already submitted as {earlier.RequestId} (journal {_journal.Journal!.Path}); not sent again.");
            SeenRequestIds.Remember(earlier.RequestId!);
            WriteObject(new HHVideoJob
            {
                RequestId = earlier.RequestId!,
                Model = earlier.Model ?? InputSchema.DefaultModel,
                SubmittedAt = earlier.SubmittedAt?.ToLocalTime() ?? DateTimeOffset.Now,
                Index = row,
                BaseUri = earlier.BaseUri ?? "",
                InputJson = earlier.InputJson,
                InputObject = rowObject,
                JournalPath = _journal.Journal.Path,
                Resumed = true,
                // Lend this run's token so `New-HHVideoJob -Token t | Wait-HHJob` waits on re-attached jobs too.
                Credential = FindCredential(),
            });
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
