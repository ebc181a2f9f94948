using HappyHorse.Api;

namespace HappyHorse.Waiting
{
    /// <summary>How a followed job ended, as every consumer of <see cref="JobFollower"/> sorts it.</summary>
    internal enum JobOutcomeKind
    {
        Succeeded,
        Failed,
        Cancelled,

        /// <summary>The job could not be followed to its end: unknown id, refused token, answers that stayed unreadable.</summary>
        Lost,
    }

    /// <summary>The one final word on a followed job: its result, or the error that ended the following.</summary>
    internal sealed class JobOutcome
    {
        private JobOutcome(JobOutcomeKind kind, WaitTicket ticket, ResultReply? result, RunComfyApiException? error)
        {
            Kind = kind;
            Ticket = ticket;
            Result = result;
            Error = error;
        }

        public JobOutcomeKind Kind { get; }
        public WaitTicket Ticket { get; }

        /// <summary>Set unless <see cref="Kind"/> is <see cref="JobOutcomeKind.Lost"/>.</summary>
        public ResultReply? Result { get; }

        /// <summary>Set when <see cref="Kind"/> is <see cref="JobOutcomeKind.Lost"/>.</summary>
        public RunComfyApiException? Error { get; }

        /// <summary>The outcome a final <see cref="WaitEvent"/> carries.</summary>
        internal static JobOutcome Of(WaitEvent final)
        {
            if (final.Result == null)
                return new JobOutcome(JobOutcomeKind.Lost, final.Ticket, null, final.Error);
            var kind = final.Result.Status == JobStates.Succeeded ? JobOutcomeKind.Succeeded
                : final.Result.Status == JobStates.Cancelled ? JobOutcomeKind.Cancelled
                : JobOutcomeKind.Failed;
            return new JobOutcome(kind, final.Ticket, final.Result, null);
        }
    }
}
