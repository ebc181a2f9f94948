using System.Globalization;

namespace HappyHorse.Emulator.Outputs;

/// <summary>
/// Parses a single-range <c>Range: bytes=…</c> header. Multi-range requests get the whole file,
/// which RFC 9110 allows and which keeps multipart responses out of the emulator.
/// </summary>
internal readonly record struct ByteRange(long Start, long End)
{
    public long Length => End - Start + 1;

    /// <returns>null = serve everything (no or ignorable header); false in <paramref name="satisfiable"/> = 416.</returns>
    public static ByteRange? Parse(string? header, long length, out bool satisfiable)
    {
        satisfiable = true;
        if (string.IsNullOrWhiteSpace(header)) return null;
        header = header.Trim();
        if (!header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase)) return null;
        string spec = header[6..].Trim();
        if (spec.Contains(',')) return null;
        int dash = spec.IndexOf('-');
        if (dash < 0) return null;
        string first = spec[..dash].Trim(), last = spec[(dash + 1)..].Trim();

        if (first.Length == 0)
        {
            // Suffix form "-N": the last N bytes.
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out long suffix)) return null;
            if (suffix == 0 || length == 0) return Unsatisfiable(out satisfiable);
            return new ByteRange(Math.Max(0, length - suffix), length - 1);
        }
        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out long start)) return null;
        long end = length - 1;
        if (last.Length > 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start) return null;
            end = Math.Min(end, length - 1);
        }
        return start >= length ? Unsatisfiable(out satisfiable) : new ByteRange(start, end);
    }

    private static ByteRange? Unsatisfiable(out bool satisfiable)
    {
        satisfiable = false;
        return null;
    }
}
