using System;

namespace HappyHorse.Report
{
    internal sealed class ReportOptions
    {
        public string Title { get; set; } = "HappyHorse batch report";

        /// <summary>Where the rows came from (e.g. the journal's path), shown under the title.</summary>
        public string? Source { get; set; }

        public DateTimeOffset WrittenAt { get; set; } = DateTimeOffset.Now;
    }
}
