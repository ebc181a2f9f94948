using System;
using System.Globalization;

namespace HappyHorse.Report
{
    /// <summary>Numbers, money and times as the page shows them, the same on every machine.</summary>
    internal static class Shown
    {
        public static string Money(double usd) => "$" + usd.ToString("0.00##", CultureInfo.InvariantCulture);

        public static string Money(decimal usd) => "$" + usd.ToString("0.00##", CultureInfo.InvariantCulture);

        public static string Time(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

        public static string Span(TimeSpan span)
        {
            if (span.TotalSeconds < 60) return span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
            if (span.TotalHours < 1) return string.Format(CultureInfo.InvariantCulture, "{0}m {1:00}s", (int)span.TotalMinutes, span.Seconds);
            return string.Format(CultureInfo.InvariantCulture, "{0}h {1:00}m", (int)span.TotalHours, span.Minutes);
        }

        public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
    }
}
