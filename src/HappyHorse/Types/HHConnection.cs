namespace HappyHorse
{
    /// <summary>
    /// Where this session's calls go and which token they carry, each with where it came from
    /// (Get-HHConnection, Connect-HHService -PassThru). The token itself is never exposed.
    /// </summary>
    public sealed class HHConnection
    {
        public string BaseUri { get; internal set; } = "";

        /// <summary>Where the base URI came from: Connect-HHService, RUNCOMFY_MODEL_API_BASE or default.</summary>
        public string BaseUriSource { get; internal set; } = "";

        /// <summary>Where the token comes from: Connect-HHService, RUNCOMFY_TOKEN, or none.</summary>
        public string TokenSource { get; internal set; } = "";

        public bool HasToken { get; internal set; }

        /// <summary>The session's journal (Connect-HHService -JournalPath), used when a cmdlet is given none; empty when there is none.</summary>
        public string? JournalPath { get; internal set; }

        public override string ToString() => BaseUri;
    }
}
