using System;
using System.IO;

namespace HappyHorse.Demo;

/// <summary>
/// The repository the demo was built from, found by walking up from the binaries to HappyHorse.sln.
/// The demo imports the module from there (out/HappyHorse) rather than from the current directory,
/// so it works whatever folder `dotnet run --project` is started in.
/// </summary>
public static class RepoRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HappyHorse.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("HappyHorse.sln was not found above " + AppContext.BaseDirectory + "; run the demo from its repository.");
    }
}
