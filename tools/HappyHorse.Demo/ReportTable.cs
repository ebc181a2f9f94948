using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace HappyHorse.Demo;

/// <summary>The closing report: one table row per CSV row, then one summary line.</summary>
public static class ReportTable
{
    public static void Print(IReadOnlyList<RowOutcome> rows, StreamPrinter printer)
    {
        string[] header = { "index", "name", "request id", "status", "file", "bytes" };
        var lines = new List<string[]> { header };
        foreach (var row in rows)
            lines.Add(new[]
            {
                row.Index.ToString(CultureInfo.InvariantCulture),
                row.Name ?? "",
                row.RequestId ?? "",
                row.Status,
                row.File ?? "",
                row.Bytes?.ToString("N0", CultureInfo.InvariantCulture) ?? "",
            });

        // Column widths from the content, as Format-Table -AutoSize would; bytes align right.
        int[] widths = Enumerable.Range(0, header.Length).Select(c => lines.Max(l => l[c].Length)).ToArray();
        string Format(string[] cells) => string.Join("  ", cells.Select((cell, c) => c == cells.Length - 1 ? cell.PadLeft(widths[c]) : cell.PadRight(widths[c]))).TrimEnd();

        Console.WriteLine();
        Console.WriteLine(Format(header));
        Console.WriteLine(Format(widths.Select(w => new string('-', w)).ToArray()));
        foreach (var line in lines.Skip(1)) Console.WriteLine(Format(line));
        Console.WriteLine();

        foreach (var row in rows.Where(r => !r.Succeeded && r.Problem != null))
            printer.Line($"row {row.Index}: ", row.Problem!, ConsoleColor.Red);

        int saved = rows.Count(r => r.Succeeded);
        long bytes = rows.Where(r => r.Succeeded).Sum(r => r.Bytes ?? 0);
        string summary = $"{saved} of {rows.Count} row(s) saved as videos ({bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes), {rows.Count - saved} failed.";
        printer.Line("", summary, saved == rows.Count ? ConsoleColor.Green : ConsoleColor.Red);
    }
}
