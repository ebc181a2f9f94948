namespace HappyHorse.Emulator.Outputs;

/// <summary>
/// Content of the large synthetic output: byte at offset i is i mod 251. A prime period means a
/// misplaced range or a skipped chunk shows up as wrong bytes, and any slice is computable without
/// holding the file anywhere.
/// </summary>
public static class SyntheticOutput
{
    private const int Period = 251;

    public static byte ByteAt(long offset) => (byte)(offset % Period);

    public static void Fill(long offset, Span<byte> destination)
    {
        int value = (int)(offset % Period);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = (byte)value;
            if (++value == Period) value = 0;
        }
    }
}
