using System.Reflection;

namespace HappyHorse.Emulator.Outputs;

/// <summary>A real, playable 1 s 160x90 H.264/AAC MP4 (ffmpeg testsrc + silence), embedded so the product needs no ffmpeg.</summary>
public static class SampleVideo
{
    private static readonly Lazy<byte[]> Content = new(Load);

    public static ReadOnlyMemory<byte> Bytes => Content.Value;

    private static byte[] Load()
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("HappyHorse.Emulator.sample.mp4")
            ?? throw new InvalidOperationException("Embedded sample.mp4 is missing.");
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
