namespace HappyHorse
{
    /// <summary>What Connect-HHService -PassThru writes: where calls go. The token is never exposed.</summary>
    public sealed class HHConnection
    {
        public string BaseUri { get; internal set; } = "";
        public string TokenSource { get; internal set; } = "";
        public bool HasToken { get; internal set; }

        public override string ToString() => BaseUri;
    }
}
