using System.Collections.Generic;
using System.IO;
using System.Text;
using HappyHorse.Download;

namespace HappyHorse.Report
{
    /// <summary>Writes the page next to its final name, then renames it: a reader never opens half a report.</summary>
    internal static class ReportWriter
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        public static ReportSummary Write(string path, IReadOnlyList<ReportRow> rows, ReportOptions options)
        {
            string full = Path.GetFullPath(path);
            string folder = Path.GetDirectoryName(full) ?? ".";
            Directory.CreateDirectory(folder);
            string temp = full + ".tmp";
            try
            {
                using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                using (var w = new StreamWriter(stream, Utf8, 1 << 16))
                    ReportPage.Write(w, rows, folder, options);
                AtomicFile.MoveOver(temp, full);
            }
            finally
            {
                if (File.Exists(temp)) AtomicFile.TryDelete(temp);
            }
            return ReportSummary.Of(rows);
        }
    }
}
