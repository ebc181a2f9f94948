using System;
using System.IO;

namespace HappyHorse.Tests.Shared;

/// <summary>Locates the repository and the built module folder the tests import.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string ModuleManifest => Path.Combine(Root, "out", "HappyHorse", "HappyHorse.psd1");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HappyHorse.sln"))) return dir.FullName;
        throw new InvalidOperationException("HappyHorse.sln not found above " + AppContext.BaseDirectory);
    }
}
