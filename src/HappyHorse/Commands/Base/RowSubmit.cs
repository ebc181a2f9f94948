using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;
using HappyHorse.Input;
using HappyHorse.Journal;
using HappyHorse.LocalImages;
using HappyHorse.Records;

namespace HappyHorse.Commands.Base
{
    /// <summary>
    /// One row's submit once its slot is taken, off the pipeline thread: preflight, the POST, and the
    /// journal line that follows the claim — written exactly once whatever happens — then the job or
    /// the error, posted to the pipeline thread.
    /// </summary>
    internal sealed class RowSubmit
    {
        private readonly JobSubmitCmdlet _cmdlet;
        private readonly RunComfyClient _client;
        private readonly JournalRecord _pending;
        private readonly JobBody _body;
        private readonly PSObject? _rowObject;
        private readonly string? _title;
        private readonly object _target;
        private readonly Func<CancellationToken, Task<IReadOnlyList<InputProblem>>>? _preflight;

        public RowSubmit(JobSubmitCmdlet cmdlet, RunComfyClient client, JournalRecord pending, JobBody body, PSObject? rowObject, string? title, object target,
            Func<CancellationToken, Task<IReadOnlyList<InputProblem>>>? preflight)
        {
            _cmdlet = cmdlet;
            _client = client;
            _pending = pending;
            _body = body;
            _rowObject = rowObject;
            _title = title;
            _target = target;
            _preflight = preflight;
        }

        private int Row => _pending.Index!.Value;

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            var journal = _cmdlet.Journal;
            try
            {
                if (_preflight != null)
                {
                    var problems = await _preflight(cancellationToken).ConfigureAwait(false);
                    if (problems.Count > 0)
                    {
                        string message = $"{JobLabel.Row(Row, _title)} was not submitted: preflight of its reference images failed: " + string.Join(" ", Messages(problems));
                        _cmdlet.Record(Follow(JournalEvents.NotSubmitted, null, message));
                        _cmdlet.Post(() => _cmdlet.Emit(null, null, ErrorRecords.Create("PreflightFailed", ErrorCategory.InvalidData, _target, message,
                            "Fix or replace the named images (public, JPEG/PNG/WEBP, at most 10 MB, short side at least 400 px); nothing was sent for this row.")));
                        return;
                    }
                }
                if (_cmdlet.JournalFailure != null)
                {
                    // The journal broke while this row waited: sending it now could not be recorded.
                    _cmdlet.Record(Follow(JournalEvents.NotSubmitted, null, "Not sent: the journal could not be written."));
                    return;
                }
                var receipt = await _client.SubmitAsync(_pending.Model!, _body.Content, cancellationToken).ConfigureAwait(false);
                _cmdlet.Accepted(Row, _title, receipt.RequestId);
                var job = VideoJobs.Accepted(receipt, _pending, _rowObject, _title, journal?.Path, _client);
                if (!_cmdlet.Record(Follow(JournalEvents.Submitted, receipt.RequestId, null), out var lost))
                {
                    // Paid for but not on disk: the error itself must carry the job to the user.
                    _cmdlet.Post(() => _cmdlet.Emit(null, null, ErrorRecords.Create("JournalWriteFailed", ErrorCategory.WriteError, job,
                        $"Row {Row} was accepted as {receipt.RequestId} and will be charged, but the journal {journal!.Path} could not record it ({lost!.Message}). " +
                        "No later row is submitted, since nothing more can be recorded.",
                        $"Keep request id {receipt.RequestId}: the job is this error's TargetObject, and Wait-HHJob -RequestId {receipt.RequestId} collects it. " +
                        "A re-run with this journal does not know the row was submitted and would pay for it again.")));
                    return;
                }
                _cmdlet.Post(() => _cmdlet.Emit(_cmdlet.VerboseOn ? $"Row {Row}: accepted as {receipt.RequestId}." : null, job, null));
            }
            catch (RunComfyApiException raw)
            {
                var ex = InlineImageErrors.Explain(raw, _body);
                bool unknown = ex.Kind == ApiErrorKind.OutcomeUnknown;
                _cmdlet.Record(Follow(unknown ? JournalEvents.Unknown : JournalEvents.NotSubmitted, null, ex.Message));
                // A refused token or an unreachable service: folded into the batch's one terminating error.
                if (_cmdlet.Breaker.Trips(Row, ex)) return;
                _cmdlet.Post(() => _cmdlet.Emit(null, null, ErrorRecords.FromApi(ex, "Submit", _target, JobLabel.Row(Row, _title))));
            }
            catch (OperationCanceledException)
            {
                // Cancelled between attempts (e.g. while honouring Retry-After): nothing was on the wire.
                _cmdlet.Record(Follow(JournalEvents.NotSubmitted, null, "Stopped before the submit was sent."));
            }
        }

        /// <summary>The journal line that settles the claim: same row identity, the outcome.</summary>
        private JournalRecord Follow(string evt, string? requestId, string? message) => new JournalRecord
        {
            Event = evt, RowKey = _pending.RowKey, Occurrence = _pending.Occurrence, Index = _pending.Index,
            RequestId = requestId, Message = message,
        };

        private static IEnumerable<string> Messages(IReadOnlyList<InputProblem> problems)
        {
            foreach (var p in problems) yield return p.Message;
        }
    }
}
