using HappyHorse.Api;

namespace HappyHorse.Waiting
{
    /// <summary>Something the engine has to tell the caller: a final result, a final error, or a passing problem.</summary>
    internal sealed class WaitEvent
    {
        private WaitEvent(WaitTicket ticket, ResultReply? result, RunComfyApiException? error, string? notice, string? newStatus = null)
        {
            NewStatus = newStatus;
            Ticket = ticket;
            Result = result;
            Error = error;
            Notice = notice;
        }

        public WaitTicket Ticket { get; }

        /// <summary>The final result (succeeded, failed or cancelled).</summary>
        public ResultReply? Result { get; }

        /// <summary>A final error: the job cannot be followed any more (unknown id, bad token...).</summary>
        public RunComfyApiException? Error { get; }

        /// <summary>A passing problem; polling goes on.</summary>
        public string? Notice { get; }

        /// <summary>The job's status changed to this (normalised) value; polling goes on.</summary>
        public string? NewStatus { get; }

        public bool IsFinal => Result != null || Error != null;

        internal static WaitEvent Finished(WaitTicket t, ResultReply r) => new WaitEvent(t, r, null, null);
        internal static WaitEvent Failed(WaitTicket t, RunComfyApiException e) => new WaitEvent(t, null, e, null);
        internal static WaitEvent Changed(WaitTicket t, string status) => new WaitEvent(t, null, null, null, status);
        internal static WaitEvent Noticed(WaitTicket t, string n) => new WaitEvent(t, null, null, n);
    }
}
