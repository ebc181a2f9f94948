namespace HappyHorse.Bench;

/// <summary>Where the built things are: the modules as a user imports them, and the emulator beside the bench.</summary>
internal static class BenchPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string ModuleManifest => Path.Combine(RepoRoot, "out", "HappyHorse", "HappyHorse.psd1");

    public static string EmptyModuleManifest => Path.Combine(RepoRoot, "out", "bench", "EmptyModule", "EmptyModule.psd1");

    /// <summary>The emulator's own entry assembly, copied beside the bench by the project reference.</summary>
    public static string EmulatorDll => Path.Combine(AppContext.BaseDirectory, "HappyHorse.Emulator.dll");

    /// <summary>The muxer that runs framework-dependent apps: the one running us, else the one `dotnet run` names, else PATH's.</summary>
    public static string DotnetHost
    {
        get
        {
            string? self = Environment.ProcessPath;
            if (self != null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) return self;
            return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        }
    }

    public static string RequireFile(string path, string buildHint) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing. Build it first: {buildHint}", path);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HappyHorse.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("HappyHorse.sln was not found above " + AppContext.BaseDirectory + "; run the bench from its repository.");
    }
}
