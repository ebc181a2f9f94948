using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
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
        private readonly SaveTally _tally = new SaveTally();
        private readonly ProgressThrottle _tick = new ProgressThrottle();
        private JobFollower? _follower;
        private SemaphoreSlim? _slots;
        private VideoDownloader? _downloader;
        private VideoFileNamer? _namer;
        private string _folder = "";
        private bool _folderReady;

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

        protected override void Begin()
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
            Flush();
        }

        /// <summary>On Ctrl+C: how long the downloads (stopped at once) get to close their .part files, so none is left open.</summary>
        protected override TimeSpan StopGrace => TimeSpan.FromMilliseconds(500);

        protected override void EndInput() => _tally.InputEnded = true;

        /// <summary>Jobs still awaited: each may start downloads when it ends.</summary>
        protected override bool HasPendingWork => _follower?.Pending > 0;

        protected override void DrainTick()
        {
            if (_tick.Due()) ShowBatch();
        }

        protected override void Complete(bool timedOut)
        {
            _follower?.Dispose();
            WriteProgress(DownloadProgress.Done(DownloadProgress.BatchActivity, "Saving HappyHorse videos"));
        }

        protected override void StopProcessing()
        {
            base.StopProcessing();
            _follower?.Dispose();
        }

        private void Handle(HHJobResult result)
        {
            var finished = FinishedJobs.Of(result, FinishedJobs.NothingToSave);
            if (finished.Error != null) WriteError(finished.Error);
            else if (result.Status == JobStates.Succeeded) Plan(result);
            else Wait(result.RequestId, result.Job);
        }

        private void Wait(string requestId, HHVideoJob? job)
        {
            if (!IsUsableRequestId(requestId)) return;
            var client = GetClientForRecord(job?.Credential);
            if (client == null) return;
            _follower ??= new JobFollower(new WaitOptions { PollInterval = TimeSpan.FromSeconds(PollInterval) },
                Post, Waited, e => { if (e.Notice != null) WriteVerbose(e.Notice); }, CancelToken);
            WriteVerbose($"Waiting for job {requestId} on {client.BaseUri} before saving its video.");
            _tally.JobAwaited();
            _follower.Follow(new WaitTicket(client, requestId, job?.SubmittedAt, job));
            ShowBatch();
        }

        private void Waited(JobOutcome outcome)
        {
            _tally.JobEnded();
            var finished = FinishedJobs.Of(outcome, FinishedJobs.NothingToSave);
            if (finished.Error != null) WriteError(finished.Error);
            else Plan(finished.Result!);
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
                Start(new VideoDownload(source, path, ResultSidecar.For(result, i + 1)) { Force = Force.IsPresent }, result);
            }
        }

        private void Start(VideoDownload item, HHJobResult result)
        {
            EnsureFolder();
            int activity = _tally.Started();
            ShowBatch();
            // Ctrl+C stops a download at once (it is no paid submit to see through); StopGrace only bounds the wait for it.
            var token = CancelToken;
            StartWork(async _ =>
            {
                DownloadOutcome? outcome = null;
                Exception? failure = null;
                bool entered = false;
                try
                {
                    await _slots!.WaitAsync(token).ConfigureAwait(false);
                    entered = true;
                    Post(() => WriteVerbose($"Saving video {item.Sidecar.OutputIndex} of job {result.RequestId} from {item.Source.Host}{item.Source.AbsolutePath} to {item.Path}."));
                    outcome = await _downloader!.SaveAsync(item, DownloadProgress.FileReporter(activity, item, bar => Post(() => WriteProgress(bar))), token).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    failure = ex;
                }
                finally
                {
                    if (entered) _slots!.Release();
                }
                Post(() => Finished(activity, item, result, outcome, failure));
            });
        }

        private void Finished(int activity, VideoDownload item, HHJobResult result, DownloadOutcome? outcome, Exception? failure)
        {
            WriteProgress(SaveTally.Closed(activity, item));
            if (outcome != null)
            {
                string? line = _tally.Saved(outcome);
                if (line != null) WriteVerbose(line);
                RecordSaved(result, outcome.Path);
                WriteObject(SavedFile.For(this, outcome.Path, result));
            }
            else
            {
                bool stopped = failure is OperationCanceledException && CancelToken.IsCancellationRequested;
                _tally.Ended(failed: !stopped);
                if (!stopped) WriteError(DownloadErrors.From(item, result, failure!));
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
            _follower?.Dispose();
            _journals.ReleaseAll();
        }

        private void ShowBatch() => WriteProgress(_tally.Bar());

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
