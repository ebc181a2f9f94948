namespace HappyHorse.Api
{
    /// <summary>A /status answer; Status is normalised (see <see cref="JobStates"/>), RawStatus as sent.</summary>
    internal sealed class StatusReply
    {
        public StatusReply(string requestId, string status, string? rawStatus, int? queuePosition)
        {
            RequestId = requestId;
            Status = status;
            RawStatus = rawStatus;
            QueuePosition = queuePosition;
        }

        public string RequestId { get; }
        public string Status { get; }
        public string? RawStatus { get; }
        public int? QueuePosition { get; }
    }
}
