namespace HappyHorse
{
    /// <summary>What Stop-HHJob -PassThru writes.</summary>
    public sealed class HHCancelResult
    {
        public string RequestId { get; internal set; } = "";
        public string Status { get; internal set; } = "";

        /// <summary>
        /// cancelled; cancellation_requested when RunComfy accepted the cancel and the job ends
        /// cancelled shortly after (Wait-HHJob sees it end); not_cancellable is an error, not an object.
        /// </summary>
        public string Outcome { get; internal set; } = "";

        public override string ToString() => RequestId + " " + Outcome;
    }
}
