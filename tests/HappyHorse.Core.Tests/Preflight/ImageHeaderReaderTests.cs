using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using HappyHorse.Emulator.Images;
using HappyHorse.Preflight;
using Xunit;

namespace HappyHorse.Core.Tests.Preflight;

/// <summary>Format and size from the first bytes of real files, and clear answers for anything else.</summary>
public class ImageHeaderReaderTests
{
    private static ImageHeader ReadAll(byte[] file) => ImageHeaderReader.Read(file, file.Length, complete: true);

    [Theory]
    [InlineData("png", "PNG", 1280, 720, "non-interlaced")]
    [InlineData("jpeg", "JPEG", 1921, 1081, "baseline (SOF0)")]
    [InlineData("jpeg-progressive", "JPEG", 640, 480, "progressive (SOF2)")]
    [InlineData("jpeg-exif", "JPEG", 1024, 768, "baseline (SOF0)")]
    [InlineData("webp-vp8", "WEBP", 16383, 401, "lossy (VP8)")]
    [InlineData("webp-vp8l", "WEBP", 1, 16383, "lossless (VP8L)")]
    [InlineData("webp-vp8x", "WEBP", 4000, 3000, "extended (VP8X)")]
    public void ReadsFormatAndSizeOfEachKind(string kind, string format, int width, int height, string variant)
    {
        var header = ReadAll(SyntheticImages.Create(kind, width, height));
        Assert.Equal(HeaderProblem.None, header.Problem);
        Assert.Equal(format, header.Format);
        Assert.Equal((width, height), (header.Width, header.Height));
        Assert.Equal(variant, header.Variant);
    }

    [Fact]
    public void JpegWithExifBeforeTheFrameHeaderAsksForMoreThanTheFirstChunk()
    {
        byte[] file = SyntheticImages.Create("jpeg-exif", 800, 600);
        const int chunk = 64 * 1024;
        Assert.True(file.Length > chunk + 1000, "the test image must put its SOF beyond the first chunk");

        var first = ImageHeaderReader.Read(file, chunk, complete: false);
        Assert.Equal("JPEG", first.Format);
        Assert.False(first.HasSize);
        Assert.True(first.NeedBytes > chunk, $"asked for {first.NeedBytes} bytes");

        var more = ImageHeaderReader.Read(file, Math.Max(first.NeedBytes, chunk * 2), complete: false);
        Assert.Equal((800, 600), (more.Width, more.Height));
    }

    [Fact]
    public void JpegSkipsFillBytesAndTheMarkersThatShareTheSofRange()
    {
        // DHT (C4), JPG (C8) and DAC (CC) sit among SOF0..SOF15 but are not frame headers.
        var bytes = new List<byte> { 0xFF, 0xD8 };
        bytes.AddRange(Segment(0xC4, new byte[] { 0x00, 0x99, 0x99, 0x99, 0x99, 0x99 }));
        bytes.AddRange(new byte[] { 0xFF, 0xFF, 0xFF }); // fill bytes before the next marker
        bytes.AddRange(Segment(0xC8, new byte[] { 0x01, 0x02, 0x03, 0x04, 0x05 }));
        bytes.AddRange(Segment(0xCC, new byte[] { 0x10, 0x10 }));
        bytes.AddRange(new byte[] { 0xFF, 0xD0 }); // a restart marker has no length
        bytes.AddRange(Segment(0xC1, new byte[] { 8, 0x03, 0x20, 0x01, 0xF4, 1, 1, 0x11, 0 }));
        var header = ReadAll(bytes.ToArray());
        Assert.Equal(HeaderProblem.None, header.Problem);
        Assert.Equal((500, 800), (header.Width, header.Height));
        Assert.Equal("extended sequential (SOF1)", header.Variant);
    }

    [Fact]
    public void JpegWithoutFrameHeaderBeforeItsImageDataIsDamaged()
    {
        var bytes = new List<byte> { 0xFF, 0xD8 };
        bytes.AddRange(Segment(0xDA, new byte[] { 1, 1, 0, 0, 63, 0 }));
        var header = ReadAll(bytes.ToArray());
        Assert.Equal(HeaderProblem.Damaged, header.Problem);
        Assert.Equal("JPEG", header.Format);
        Assert.Contains("frame header", header.Description);
    }

    [Fact]
    public void JpegWhoseHeightComesLaterSaysItsSizeIsUnreadable()
    {
        var bytes = new List<byte> { 0xFF, 0xD8 };
        bytes.AddRange(Segment(0xC0, new byte[] { 8, 0, 0, 0x02, 0x00, 1, 1, 0x11, 0 }));
        var header = ReadAll(bytes.ToArray());
        Assert.Equal(HeaderProblem.SizeUnreadable, header.Problem);
        Assert.Contains("DNL", header.Description);
    }

    [Fact]
    public void WebpExtendedCanvasUsesTwentyFourBits()
    {
        var file = new byte[30];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(file, 0);
        BitConverter.GetBytes(22).CopyTo(file, 4);
        Encoding.ASCII.GetBytes("WEBPVP8X").CopyTo(file, 8);
        BitConverter.GetBytes(10).CopyTo(file, 16);
        WriteUInt24(file, 24, 20000 - 1);
        WriteUInt24(file, 27, 400 - 1);
        var header = ReadAll(file);
        Assert.Equal((20000, 400), (header.Width, header.Height));
    }

    [Theory]
    [InlineData("gif", "a GIF image")]
    [InlineData("html", "an HTML page")]
    public void OtherFormatsAreUnrecognisedAndNamed(string kind, string description)
    {
        var header = ReadAll(SyntheticImages.Create(kind, 800, 600));
        Assert.Null(header.Format);
        Assert.Equal(HeaderProblem.Unrecognised, header.Problem);
        Assert.Contains(description, header.Description);
    }

    [Fact]
    public void EmptyAndGarbageInputAreUnrecognisedNotExceptions()
    {
        Assert.Equal("empty (0 bytes)", ImageHeaderReader.Read(Array.Empty<byte>(), 0, complete: true).Description);

        var garbage = new byte[] { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xF0, 0x01 };
        var header = ImageHeaderReader.Read(garbage, garbage.Length, complete: false);
        Assert.Equal(HeaderProblem.Unrecognised, header.Problem);
        Assert.Equal("of an unrecognised format (it starts with bytes 00 11 22 33 44 55 66 77)", header.Description);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpeg")]
    [InlineData("jpeg-progressive")]
    [InlineData("webp-vp8")]
    [InlineData("webp-vp8l")]
    [InlineData("webp-vp8x")]
    public void EveryTruncationIsEitherPendingOrCutShort(string kind)
    {
        byte[] file = SyntheticImages.Create(kind, 640, 480);
        var whole = ReadAll(file);
        for (int n = 0; n < Math.Min(file.Length, 400); n++)
        {
            var pending = ImageHeaderReader.Read(file, n, complete: false);
            Assert.True(pending.HasSize || pending.NeedBytes > n, $"{kind} prefix {n}: {pending}");
            if (pending.HasSize) Assert.Equal((whole.Width, whole.Height), (pending.Width, pending.Height));

            var cut = ImageHeaderReader.Read(file, n, complete: true);
            Assert.Equal(0, cut.NeedBytes);
            Assert.True(cut.HasSize || cut.Problem != HeaderProblem.None, $"{kind} cut at {n}: {cut}");
        }
        var truncated = ImageHeaderReader.Read(file, 20, complete: true);
        Assert.Equal(HeaderProblem.Damaged, truncated.Problem);
        Assert.Contains("cut short", truncated.Description);
    }

    [Fact]
    public void RandomBytesBehindEachSignatureNeverThrow()
    {
        var random = new Random(12345);
        byte[][] signatures =
        {
            new byte[] { 0xFF, 0xD8, 0xFF },
            new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A },
            Encoding.ASCII.GetBytes("RIFF\0\0\0\0WEBPVP8 "),
            Encoding.ASCII.GetBytes("RIFF\0\0\0\0WEBPVP8L"),
            Encoding.ASCII.GetBytes("RIFF\0\0\0\0WEBPVP8X"),
        };
        foreach (var signature in signatures)
            for (int i = 0; i < 2000; i++)
            {
                var data = new byte[signature.Length + random.Next(0, 300)];
                random.NextBytes(data);
                signature.CopyTo(data, 0);
                foreach (bool complete in new[] { true, false })
                {
                    var header = ImageHeaderReader.Read(data, data.Length, complete);
                    Assert.True(header.HasSize || header.NeedBytes > data.Length || header.Problem != HeaderProblem.None, header.ToString());
                }
            }
    }

    private static byte[] Segment(byte marker, byte[] payload)
    {
        int length = payload.Length + 2;
        return new byte[] { 0xFF, marker, (byte)(length >> 8), (byte)length }.Concat(payload).ToArray();
    }

    private static void WriteUInt24(byte[] target, int offset, int value)
    {
        target[offset] = (byte)value;
        target[offset + 1] = (byte)(value >> 8);
        target[offset + 2] = (byte)(value >> 16);
    }
}
