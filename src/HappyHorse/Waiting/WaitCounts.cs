namespace HappyHorse.Waiting
{
    /// <summary>Where the batch stands, for one progress bar.</summary>
    public readonly struct WaitCounts
    {
        public WaitCounts(int total, int queued, int running, int succeeded, int failed)
        {
            Total = total;
            Queued = queued;
            Running = running;
            Succeeded = succeeded;
            Failed = failed;
        }

        public int Total { get; }
        public int Queued { get; }
        public int Running { get; }
        public int Succeeded { get; }
        public int Failed { get; }
        public int Finished => Succeeded + Failed;
        public int Pending => Total - Finished;
    }
}
