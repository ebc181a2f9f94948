using System;
using System.IO;
using System.Security.Cryptography;
using HappyHorse.Emulator.Images;

namespace HappyHorse.Tests.Shared;

/// <summary>A temporary folder of reference images made by the emulator's generators, removed afterwards.</summary>
public sealed class ImageFolder : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("hh-local-images-").FullName;

    /// <summary>Writes a real image of <paramref name="kind"/> (png, jpeg, webp, gif, html …) under any name; the name's extension is not looked at.</summary>
    public string Image(string name, string kind = "png", int width = 800, int height = 600) =>
        Write(name, SyntheticImages.Create(kind, width, height));

    /// <summary>
    /// A valid image header padded with zeros to <paramref name="totalBytes"/>. The padding is a sparse
    /// extension of the file: big files cost no disk writes.
    /// </summary>
    public string Padded(string name, long totalBytes, int width = 800, int height = 600)
    {
        string path = Image(name, "png", width, height);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.SetLength(totalBytes);
        return path;
    }

    public string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(Root, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
