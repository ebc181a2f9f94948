using System;
using System.Management.Automation;
using HappyHorse.Api;
using HappyHorse.Binding;
using HappyHorse.Journal;

namespace HappyHorse.Records
{
    /// <summary>
    /// Where every <see cref="HHVideoJob"/> a submit or a journal yields is made: a job accepted now,
    /// a row re-attached to its earlier submit, a journal's job resumed. One place, so a new property
    /// cannot be filled in on one path and forgotten on another.
    /// </summary>
    internal static class VideoJobs
    {
        /// <summary>The job the server just accepted for <paramref name="pending"/>; it carries the token it was submitted with.</summary>
        public static HHVideoJob Accepted(SubmitReceipt receipt, JournalRecord pending, PSObject? row, string? title, string? journalPath, RunComfyClient client)
        {
            var job = Create(receipt.RequestId, pending.Model!, DateTimeOffset.Now, pending.Index!.Value, title, pending.BaseUri!, pending.InputJson, row, journalPath,
                resumed: false, client.Credential, client.BaseUri);
            job.KeepAnsweredUrls(receipt.StatusUrl, receipt.ResultUrl, receipt.CancelUrl);
            return job;
        }

        /// <summary>
        /// A row the journal says was submitted by an earlier run: followed on this command's
        /// <paramref name="api"/> (never the journal's base_uri), with this run's token lent, so
        /// `New-HHVideoJob -Token t | Wait-HHJob` waits on re-attached jobs too.
        /// </summary>
        public static HHVideoJob Reattached(JournalJob earlier, string journalPath, int row, string model, string shownInput, PSObject? rowObject, string? title,
            Uri api, ApiCredential? credential) =>
            Create(earlier.RequestId!, earlier.Model ?? model, earlier.SubmittedAt?.ToLocalTime() ?? DateTimeOffset.Now, row, title,
                api.AbsoluteUri.TrimEnd('/'), earlier.InputJson ?? shownInput, rowObject, journalPath, resumed: true, credential, api);

        /// <summary>A journal's job picked up after a crash (Resume-HHJob): what the journal knows, no token.</summary>
        public static HHVideoJob Resumed(JournalJob job, string journalPath)
        {
            var row = JournalViews.ToRow(job.Row);
            return Create(job.RequestId ?? "", job.Model ?? Input.InputSchema.DefaultModel, job.SubmittedAt?.ToLocalTime() ?? job.UpdatedAt.ToLocalTime(),
                job.Index ?? 0, RowTitle.Of(row, null), job.BaseUri ?? "", job.InputJson, row, journalPath, resumed: true, null, null);
        }

        /// <summary>
        /// A job read back from a CSV that Export-Csv wrote: only its descriptive columns. No token,
        /// no origin and no base URI: where calls go is never taken from a row.
        /// </summary>
        public static HHVideoJob FromExportedRow(string requestId, int index, string? title, string? model, DateTimeOffset? submittedAt, string? inputJson) =>
            Create(requestId, model ?? Input.InputSchema.DefaultModel, submittedAt ?? default, index, title, "", inputJson, null, null, resumed: false, null, null);
        private static string? _lastBaseUri;

        /// <summary>The same API address as the job before's is that job's string, not one more copy per job.</summary>
        private static string Shared(string baseUri)
        {
            string? last = _lastBaseUri;
            if (last != null && string.Equals(last, baseUri, StringComparison.Ordinal)) return last;
            _lastBaseUri = baseUri;
            return baseUri;
        }

        private static HHVideoJob Create(string requestId, string model, DateTimeOffset submittedAt, int index, string? title, string baseUri,
            string? inputJson, PSObject? row, string? journalPath, bool resumed, ApiCredential? credential, Uri? origin) => new HHVideoJob
        {
            RequestId = requestId,
            Model = model,
            SubmittedAt = submittedAt,
            Index = index,
            Title = title,
            BaseUri = Shared(baseUri),
            InputJson = inputJson,
            InputObject = row,
            JournalPath = journalPath,
            Resumed = resumed,
            Credential = credential,
            Origin = origin,
        };
    }
}
