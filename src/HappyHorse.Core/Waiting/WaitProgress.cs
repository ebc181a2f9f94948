using System;
using System.Globalization;

namespace HappyHorse.Waiting
{
    /// <summary>The words of Wait-HHJob's progress bar, from the counts and the forecast: no clock, no I/O.</summary>
    internal static class WaitProgress
    {
        public static string Activity(WaitCounts c) => $"Waiting for {c.Total} HappyHorse job{(c.Total == 1 ? "" : "s")}";

        /// <summary>e.g. "2 running, 5 queued, 3 done, 1 failed; about 4 min left".</summary>
        public static string Status(WaitCounts c, WaitForecast f)
        {
            // Jobs the queue's pace says have started count as running, though no poll has seen them yet.
            int running = Math.Min(c.Pending, Math.Max(c.Running, f.LikelyRunning));
            int queued = Math.Max(0, c.Pending - running);
            string counts = $"{running} running, {queued} queued, {c.Succeeded} done";
            if (c.Failed > 0) counts += $", {c.Failed} failed";
            foreach (var word in c.Other) counts += $", {word.Value} '{word.Key}'";
            return counts + "; " + TimeLeft(c, f);
        }

        public static string TimeLeft(WaitCounts c, WaitForecast f)
        {
            if (c.Pending == 0) return "all finished";
            if (f.Left == null) return "time left not known yet";
            if (f.Overdue) return c.Pending == 1 ? "the last job should finish any moment" : "should finish any moment";
            return (f.Sure ? "" : "about ") + Duration(f.Left.Value) + " left";
        }

        /// <summary>The seconds for ProgressRecord.SecondsRemaining: only a sure forecast, else -1 (the text says "about").</summary>
        public static int SecondsRemaining(WaitCounts c, WaitForecast f) =>
            c.Pending > 0 && f.Sure && !f.Overdue && f.Left is TimeSpan left ? (int)Math.Min(int.MaxValue, Math.Ceiling(left.TotalSeconds)) : -1;

        public static int Percent(WaitCounts c) => c.Total == 0 ? 0 : Math.Min(100, c.Finished * 100 / c.Total);

        /// <summary>"45 s", "4 min", "1 h 20 min": rounded up, so the last seconds never read "0".</summary>
        public static string Duration(TimeSpan span)
        {
            double seconds = Math.Ceiling(span.TotalSeconds);
            if (seconds < 60) return Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture) + " s";
            double minutes = Math.Ceiling(seconds / 60);
            if (minutes < 60) return minutes.ToString(CultureInfo.InvariantCulture) + " min";
            double hours = Math.Floor(minutes / 60);
            double rest = minutes - hours * 60;
            return hours.ToString(CultureInfo.InvariantCulture) + " h" + (rest > 0 ? " " + rest.ToString(CultureInfo.InvariantCulture) + " min" : "");
        }
    }
}
