namespace HappyHorse.Emulator.Outputs;

/// <summary>
/// Content of the large synthetic output: byte at offset i is i mod 251. A prime period means a
/// misplaced range or a skipped chunk shows up as wrong bytes, and any slice is computable without
/// holding the file anywhere.
/// </summary>
public static class SyntheticOutput
{
    private const int Period = 251;

    /// <summary>
    /// Whole periods, copied from rather than computed byte by byte: the emulator stands in for a CDN
    /// that serves stored bytes, and on a 2-core machine a byte loop cost it ~0.4 s of CPU per 500 MiB
    /// (39 % of its samples in `perf`), taken from whichever client shared the cores.
    /// </summary>
    private static readonly byte[] Periods = MakePeriods(Period * 512);

    public static byte ByteAt(long offset) => (byte)(offset % Period);

    public static void Fill(long offset, Span<byte> destination)
    {
        int phase = (int)(offset % Period);
        while (!destination.IsEmpty)
        {
            int n = Math.Min(destination.Length, Periods.Length - phase);
            Periods.AsSpan(phase, n).CopyTo(destination);
            destination = destination[n..];
            phase = (phase + n) % Period;
        }
    }

    private static byte[] MakePeriods(int length)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte)(i % Period);
        return bytes;
    }
}
