using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Api;
using HappyHorse.Journal;
using HappyHorse.Download;
using HappyHorse.Waiting;
using HappyHorse.Binding;
using HappyHorse.Commands.Base;
using HappyHorse.Records;
using HappyHorse.Session;

namespace HappyHorse.Commands
{
    /// <summary>
    /// Saves every output video of the results (or jobs, waited for first) piped in to a folder:
    /// streamed to disk, resumable, never overwriting a finished file unless -Force, with a JSON
    /// sidecar per video. Several files download at once; every Write happens on the pipeline thread.
    /// </summary>
    [Cmdlet(VerbsData.Save, "HHVideo", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = HelpLinks.Docs + "Save-HHVideo.md")]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveHHVideoCommand : HHJobCmdlet
    {
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);
        private readonly JournalSet _journals = new JournalSet();
        private string? _defaultJournal;
        private readonly HashSet<string> _claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<int, Task> _running = new ConcurrentDictionary<int, Task>();
        private JobWaiter? _waiter;
        private SemaphoreSlim? _slots;
        private VideoDownloader? _downloader;
        private VideoFileNamer? _namer;
        private string _folder = "";
        private bool _folderReady;
        private int _nextActivity = DownloadProgress.BatchActivity;
        private int _active, _waiting, _saved, _skipped, _failed;
        private bool _inputEnded;

        /// <summary>A result from Wait-HHJob or Get-HHJobResult; its Job carries the input row.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public HHJobResult? Result { get; set; }

        /// <summary>The folder to save into; created when missing. Relative paths start at the current location.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = ".";

        /// <summary>
        /// File name template: {RequestId}, {Index}, {Model}, {OutputIndex}, {Date}, any input field
        /// ({seed}) or any column of the input row ({name}); {Token:format} formats it. The extension
        /// comes from the URL (.mp4 by default). Default: {Index}-{RequestId}, or {RequestId} without a row.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? FileName { get; set; }

        /// <summary>Download again and overwrite files that are already there.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Files downloading at once.</summary>
        [Parameter]
        [ValidateRange(1, 32)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>Seconds between polls of a job that is not finished yet.</summary>
        [Parameter]
        [ValidateRange(1.0, 3600.0)]
        public double PollInterval { get; set; } = 2;

        /// <summary>The largest video accepted, in bytes: a host that announces or sends more is refused.</summary>
        [Parameter]
        [ValidateRange(1L, long.MaxValue)]
        public long MaxBytes { get; set; } = TransferLimits.DefaultMaxBytes;

        /// <summary>Record each saved file in this journal (jobs from a journaled New-HHVideoJob record into theirs anyway).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        protected override void BeginProcessing()
        {
            _defaultJournal = JournalAccess.ResolvePath(this, JournalPath);
            _folder = SaveFolder.Resolve(SessionState, Path, out var invalid) ?? "";
            if (invalid != null) ThrowTerminatingError(invalid);
            try
            {
                _namer = new VideoFileNamer(FileName == null ? null : FileNameTemplate.Parse(FileName));
            }
            catch (FormatException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "HappyHorse.InvalidFileName", ErrorCategory.InvalidArgument, FileName)
                {
                    ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = "Write tokens as {Name}, e.g. -FileName '{Index}-{name}'." },
                });
            }
            _slots = new SemaphoreSlim(ThrottleLimit);
            _downloader = new VideoDownloader(Options, VerboseLog, new TransferLimits { MaxBytes = MaxBytes });
        }

        protected override void ProcessRecord()
        {
            if (Result != null && RequestId.Contains(Result.RequestId))
            {
                if (_seen.Add(Result.RequestId)) Handle(Result);
            }
            else
            {
                foreach (string id in RequestIds())
                    if (_seen.Add(id)) Wait(id, JobFor(id));
            }
            Dispatcher.Drain();
        }

        protected override void EndProcessing()
        {
            _inputEnded = true;
            // Draining can start new downloads (a wait that just ended), so pump until nothing is left.
            Dispatcher.Drain();
            while (_active > 0 || _waiting > 0)
            {
                Dispatcher.PumpUntil(() => _active == 0 && _waiting == 0, null, CancelToken, ShowBatch);
                if (CancelToken.IsCancellationRequested)
                {
                    Settle();
                    throw new PipelineStoppedException();
                }
            }
            _waiter?.Dispose();
            WriteProgress(DownloadProgress.Done(DownloadProgress.BatchActivity, "Saving HappyHorse videos"));
        }

        protected override void StopProcessing()
        {
            base.StopProcessing();
            _waiter?.Dispose();
        }

        /// <summary>On Ctrl+C: give the downloads a moment to close their .part files, so none is left open.</summary>
        private void Settle()
        {
            try { Task.WaitAll(_running.Values.ToArray(), TimeSpan.FromMilliseconds(500)); }
            catch (AggregateException) { }
        }

        private void Handle(HHJobResult result)
        {
            if (result.Status == JobStates.Succeeded) Plan(result);
            else if (result.Status == JobStates.Failed)
                WriteError(ErrorRecords.Create("JobFailed", ErrorCategory.InvalidResult, result,
                    JobLabel.Sentence($"{JobLabel.Subject(result)} failed, so it has no video to save: {result.Error ?? "the server gave no reason"}"),
                    $"Check the prompt and reference images {JobLabel.OfRow(result.Index, result.Title)}, then submit it again."));
            else if (result.Status == JobStates.Cancelled)
                WriteError(ErrorRecords.Create("JobCancelled", ErrorCategory.OperationStopped, result,
                    $"{JobLabel.Subject(result)} was cancelled, so it has no video to save.", "Submit the row again if you still want the video."));
            else
                Wait(result.RequestId, result.Job);
        }

        private void Wait(string requestId, HHVideoJob? job)
        {
            if (!IsUsableRequestId(requestId)) return;
            var client = GetClientForRecord(job?.Credential);
            if (client == null) return;
            _waiter ??= new JobWaiter(new WaitOptions { PollInterval = TimeSpan.FromSeconds(PollInterval) },
                e => Dispatcher.Post(() => Waited(e)), CancelToken);
            WriteVerbose($"Waiting for job {requestId} on {client.BaseUri} before saving its video.");
            _waiting++;
            _waiter.Add(new WaitTicket(client, requestId, job?.SubmittedAt, job));
            ShowBatch();
        }

        private void Waited(WaitEvent e)
        {
            if (e.Notice != null) WriteVerbose(e.Notice);
            if (!e.IsFinal) return;
            _waiting--;
            if (e.Error != null)
                WriteError(ErrorRecords.FromApi(e.Error, "Wait", e.Ticket.RequestId, JobLabel.Row((e.Ticket.Tag as HHVideoJob)?.Index, (e.Ticket.Tag as HHVideoJob)?.Title)));
            else
                Handle(ResultMapper.ToResult(e.Result!, e.Ticket.Client.BaseUri, e.Ticket.Tag as HHVideoJob));
            ShowBatch();
        }

        /// <summary>Names each video of a succeeded job, asks ShouldProcess, and starts its download.</summary>
        private void Plan(HHJobResult result)
        {
            var urls = result.VideoUrls.Length > 0 ? result.VideoUrls : result.VideoUrl != null ? new[] { result.VideoUrl } : Array.Empty<string>();
            if (urls.Length == 0)
            {
                WriteError(ErrorRecords.Create("NoVideo", ErrorCategory.InvalidResult, result,
                    $"{JobLabel.Subject(result)} succeeded but its result lists no video URL.", "Inspect it with Get-HHJobResult -RequestId " + result.RequestId + "."));
                return;
            }
            for (int i = 0; i < urls.Length; i++)
            {
                if (!Uri.TryCreate(urls[i], UriKind.Absolute, out var source) || (source.Scheme != Uri.UriSchemeHttps && source.Scheme != Uri.UriSchemeHttp))
                {
                    WriteError(ErrorRecords.Create("InvalidVideoUrl", ErrorCategory.InvalidResult, result,
                        $"Job {result.RequestId} gave a video URL that is not an http(s) address: '{urls[i]}'.", "Inspect it with Get-HHJobResult."));
                    continue;
                }
                if (!_namer!.TryName(result, source, i + 1, urls.Length, out string name, out string problem))
                    ThrowTerminatingError(ErrorRecords.Create("UnknownFileNameToken", ErrorCategory.InvalidArgument, FileName, problem,
                        "Use one of the known tokens, or add the column to the CSV."));
                string path = System.IO.Path.Combine(_folder, name);
                if (!_claimed.Add(path))
                {
                    WriteError(ErrorRecords.Create("DuplicateFileName", ErrorCategory.ResourceExists, result,
                        $"Video {i + 1} of job {result.RequestId} would be saved as {path}, like another video of this run; it was not saved.",
                        "Make -FileName unique per job, e.g. add {RequestId} or {Index}."));
                    continue;
                }
                if (!ShouldProcess(path, $"Save video {i + 1} of job {result.RequestId} from {source.Host}{source.AbsolutePath}"))
                    continue;
                Start(new VideoDownload(source, path, Sidecar(result, i + 1)) { Force = Force.IsPresent }, result);
            }
        }

        private static VideoSidecar Sidecar(HHJobResult result, int outputIndex) => new VideoSidecar
        {
            RequestId = result.RequestId,
            Model = result.Job?.Model,
            Status = result.Status,
            BaseUri = string.IsNullOrEmpty(result.BaseUri) ? null : result.BaseUri,
            Index = result.Job?.Index,
            OutputIndex = outputIndex,
            Input = result.Job?.Input,
            SubmittedAt = result.Job?.SubmittedAt,
            CreatedAt = result.CreatedAt,
            FinishedAt = result.FinishedAt,
            Cost = result.Cost,
        };

        private void Start(VideoDownload item, HHJobResult result)
        {
            EnsureFolder();
            int activity = ++_nextActivity;
            _active++;
            ShowBatch();
            var token = CancelToken;
            var clock = new Stopwatch();
            long firstBytes = -1;
            _running[activity] = Task.Run(async () =>
            {
                DownloadOutcome? outcome = null;
                Exception? failure = null;
                bool entered = false;
                try
                {
                    await _slots!.WaitAsync(token).ConfigureAwait(false);
                    entered = true;
                    clock.Start();
                    Dispatcher.Post(() => WriteVerbose($"Saving video {item.Sidecar.OutputIndex} of job {result.RequestId} from {item.Source.Host}{item.Source.AbsolutePath} to {item.Path}."));
                    outcome = await _downloader!.SaveAsync(item, (bytes, total) =>
                    {
                        if (firstBytes < 0) firstBytes = bytes;
                        double rate = clock.Elapsed.TotalSeconds > 0.2 ? (bytes - firstBytes) / clock.Elapsed.TotalSeconds : 0;
                        var bar = DownloadProgress.File(activity, item, bytes, total, rate);
                        if (bar != null) Dispatcher.Post(() => WriteProgress(bar));
                    }, token).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
                finally
                {
                    if (entered) _slots!.Release();
                }
                Dispatcher.Post(() => Finished(activity, item, result, outcome, failure));
            });
        }

        private void Finished(int activity, VideoDownload item, HHJobResult result, DownloadOutcome? outcome, Exception? failure)
        {
            _active--;
            _running.TryRemove(activity, out _);
            WriteProgress(DownloadProgress.Done(activity, "Saving " + item.Name));
            if (outcome != null)
            {
                if (outcome.Skipped) _skipped++;
                else
                {
                    _saved++;
                    double seconds = Math.Max(outcome.Elapsed.TotalSeconds, 0.001);
                    WriteVerbose($"Saved {outcome.Path}: {outcome.Bytes:N0} bytes in {seconds:0.00} s ({(outcome.Bytes - outcome.ResumedFrom) / seconds / 1048576:0.0} MB/s)" +
                                 (outcome.ResumedFrom > 0 ? $", resumed from byte {outcome.ResumedFrom:N0}" : "") +
                                 (outcome.Requests > 1 ? $", {outcome.Requests} requests" : "") + ".");
                }
                RecordSaved(result, outcome.Path);
                WriteObject(SavedFile.For(this, outcome.Path, result));
            }
            else if (!(failure is OperationCanceledException && CancelToken.IsCancellationRequested))
            {
                _failed++;
                WriteError(DownloadErrors.From(item, result, failure!));
            }
            ShowBatch();
        }

        /// <summary>On disk in the journal before the file goes downstream.</summary>
        private void RecordSaved(HHJobResult result, string path)
        {
            _journals.Record(this, result.Job?.JournalPath ?? _defaultJournal,
                new JournalRecord { Event = JournalEvents.Saved, RequestId = result.RequestId, File = path });
        }

        protected override void ReleaseResources()
        {
            _journals.ReleaseAll();
        }

        private void ShowBatch() => WriteProgress(DownloadProgress.Batch(_saved, _skipped, _active, _waiting, _failed, _inputEnded));

        private void EnsureFolder()
        {
            if (_folderReady) return;
            try
            {
                if (!Directory.Exists(_folder)) WriteVerbose($"Creating folder {_folder}.");
                Directory.CreateDirectory(_folder);
                _folderReady = true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "HappyHorse.CannotCreateFolder", ErrorCategory.WriteError, _folder)
                {
                    ErrorDetails = new ErrorDetails($"Cannot create the folder {_folder}: {ex.Message}") { RecommendedAction = "Check the path and your permissions." },
                });
            }
        }
    }
}
