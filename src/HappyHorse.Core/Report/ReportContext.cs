using System;
using System.Globalization;

namespace HappyHorse.Report
{
    /// <summary>What every card needs to know about the page it is on.</summary>
    internal sealed class ReportContext
    {
        private readonly DateTimeOffset? _day;

        public ReportContext(string folder, string? model, DateTimeOffset? day)
        {
            Folder = folder;
            Model = model;
            _day = day;
        }

        /// <summary>The report's folder: links to videos and images are relative to it.</summary>
        public string Folder { get; }

        /// <summary>The batch's one model, shown once at the top instead of on every card.</summary>
        public string? Model { get; }

        /// <summary>A card's time: the clock time alone on the batch's first day (shown at the top), else date and time.</summary>
        public string Time(DateTimeOffset time) =>
            _day.HasValue && time.Date == _day.Value.Date && time.Offset == _day.Value.Offset
                ? time.ToString("HH:mm:ss", CultureInfo.InvariantCulture)
                : Shown.Time(time);
    }
}
