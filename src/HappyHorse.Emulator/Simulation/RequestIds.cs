namespace HappyHorse.Emulator.Simulation;

/// <summary>GUID-shaped request ids derived from seed and sequence: a replayed run gets the same ids.</summary>
internal static class RequestIds
{
    public static string For(int seed, long sequence)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, Mix(((ulong)(uint)seed << 32) ^ (ulong)(sequence * 2)));
        BitConverter.TryWriteBytes(bytes[8..], Mix(((ulong)(uint)seed << 32) ^ (ulong)((sequence * 2) + 1)));
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 nibble, so it looks like any other UUID
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString("D");
    }

    // SplitMix64 finaliser: cheap, and neighbouring sequences give unrelated ids.
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
