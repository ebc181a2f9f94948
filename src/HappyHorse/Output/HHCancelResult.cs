namespace HappyHorse
{
    /// <summary>What Stop-HHJob -PassThru writes.</summary>
    public sealed class HHCancelResult
    {
        public string RequestId { get; internal set; } = "";
        public string Status { get; internal set; } = "";

        /// <summary>cancelled, or not_cancellable when the job was already running or finished.</summary>
        public string Outcome { get; internal set; } = "";

        public override string ToString() => RequestId + " " + Outcome;
    }
}
