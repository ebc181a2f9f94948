namespace HappyHorse.Report
{
    /// <summary>What every card needs to know about the page it is on.</summary>
    internal sealed class ReportContext
    {
        public ReportContext(string folder, string? model)
        {
            Folder = folder;
            Model = model;
        }

        /// <summary>The report's folder: links to videos and images are relative to it.</summary>
        public string Folder { get; }

        /// <summary>The batch's one model, shown once at the top instead of on every card.</summary>
        public string? Model { get; }
    }
}
