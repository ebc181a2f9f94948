using System;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Text;

namespace HappyHorse
{
    /// <summary>A submitted job: what New-HHVideoJob writes and Wait-HHJob reads.</summary>
    public sealed class HHVideoJob
    {
        public string RequestId { get; internal set; } = "";
        public string Model { get; internal set; } = "";
        public DateTimeOffset SubmittedAt { get; internal set; }

        /// <summary>The row number in the pipeline that made this job, counting from 1.</summary>
        public int Index { get; internal set; }

        /// <summary>The row's name: its -TitleColumn cell, or its `name` cell; empty when the row has none.</summary>
        public string? Title { get; internal set; }

        // Kept only when the server gave a URL other than the documented one: ten thousand awaited
        // jobs should not carry thirty thousand copies of predictable strings.
        private string? _statusUrl, _resultUrl, _cancelUrl;
        private byte[]? _inputJson;
        private OrderedDictionary? _input;

        public string? StatusUrl { get => _statusUrl ?? Documented("status"); internal set => _statusUrl = value; }
        public string? ResultUrl { get => _resultUrl ?? Documented("result"); internal set => _resultUrl = value; }
        public string? CancelUrl { get => _cancelUrl ?? Documented("cancel"); internal set => _cancelUrl = value; }

        /// <summary>The API base the job lives on; Wait-HHJob and friends bind it by property name.</summary>
        public string BaseUri { get; internal set; } = "";

        /// <summary>
        /// The fields sent, by their API names, as in the request body; shown (and exported) as that JSON.
        /// A local image sent inline shows as its path, type, size and SHA-256 prefix, never its base64 text.
        /// </summary>
        public OrderedDictionary Input
        {
            get => _input ??= new HHInputFields(InputJson);
            internal set => _input = value;
        }

        /// <summary>The pipeline object (e.g. the CSV row) the job was made from, extra columns included.</summary>
        public PSObject? InputObject { get; internal set; }

        /// <summary>The journal that recorded this job, if any: Wait-HHJob and Save-HHVideo record into it too.</summary>
        public string? JournalPath { get; internal set; }

        /// <summary>True when the job came from the journal of an earlier run instead of a new submit.</summary>
        public bool Resumed { get; internal set; }

        /// <summary>
        /// The token the job was submitted with, so `New-HHVideoJob -Token t | Wait-HHJob` works.
        /// A field, not a property: formatting, ConvertTo-Json and Export-Clixml never see it.
        /// </summary>
        internal Api.ApiCredential? Credential;

        /// <summary>
        /// The API this module sent the job to in this session: the only API a job lends to the
        /// cmdlets it is piped to. Null for a job read back from a journal or a file, whose
        /// <see cref="BaseUri"/> is only a claim. A field set by the module alone: no data reaches it.
        /// </summary>
        internal Uri? Origin;

        /// <summary>
        /// The body as sent (inline images as they are shown); <see cref="Input"/> is read from it only when somebody looks.
        /// Kept as UTF-8, half the size of the string, since every awaited job holds one.
        /// </summary>
        internal string? InputJson
        {
            get => _inputJson == null ? null : Encoding.UTF8.GetString(_inputJson);
            set { _inputJson = value == null ? null : Encoding.UTF8.GetBytes(value); _input = null; }
        }

        /// <summary>Seconds of video asked for, without building <see cref="Input"/>.</summary>
        internal long? RequestedSeconds =>
            _input != null ? _input["duration"] as long? : _inputJson != null ? HappyHorse.Input.BodyFields.ReadWhole(InputJson!, "duration") : null;

        /// <summary>
        /// Keeps the URLs a submit's answer gave, except the documented ones (rebuilt on demand). A
        /// documented one is recognised by its text first: asking a Uri for its canonical form parses
        /// the rest of it, which a profile of a 5,000-row submit showed on every job.
        /// </summary>
        internal void KeepAnsweredUrls(Uri? status, Uri? result, Uri? cancel)
        {
            string? prefix = DocumentedPrefix();
            _statusUrl = Undocumented(status, prefix, "status");
            _resultUrl = Undocumented(result, prefix, "result");
            _cancelUrl = Undocumented(cancel, prefix, "cancel");
        }

        private static string? Undocumented(Uri? given, string? prefix, string what)
        {
            if (given == null || Is(given.OriginalString, prefix, what)) return null;
            string canonical = given.AbsoluteUri;
            return Is(canonical, prefix, what) ? null : canonical;
        }

        private static bool Is(string url, string? prefix, string what) =>
            prefix != null && url.Length == prefix.Length + what.Length &&
            url.StartsWith(prefix, StringComparison.Ordinal) && url.EndsWith(what, StringComparison.Ordinal);

        private string? DocumentedPrefix() =>
            BaseUri.Length == 0 || RequestId.Length == 0 ? null : BaseUri.TrimEnd('/') + "/requests/" + Uri.EscapeDataString(RequestId) + "/";

        private string? Documented(string what) => DocumentedPrefix() is string prefix ? prefix + what : null;

        public override string ToString() => RequestId;
    }
}
