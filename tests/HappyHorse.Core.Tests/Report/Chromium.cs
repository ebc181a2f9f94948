using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Xunit;

namespace HappyHorse.Core.Tests.Report;

/// <summary>
/// Debian's headless Chromium, as tools/install-chromium.sh installs it (the test project's build
/// runs that script where Chromium is missing). Each run gets a new profile folder.
/// </summary>
public static class Chromium
{
    public const string Executable = "/usr/bin/chromium";

    /// <summary>Null when Chromium can run here; else why not, and how to fix it.</summary>
    public static string? WhyUnavailable()
    {
        if (!OperatingSystem.IsLinux()) return "The browser test runs Debian's chromium package on Linux; this is not Linux.";
        if (File.Exists(Executable)) return null;
        return $"{Executable} is missing and the build could not install it (tools/install-chromium.sh needs root and apt-get). " +
               "Run: sudo bash tools/install-chromium.sh";
    }

    /// <summary>The DOM after the page's scripts ran.</summary>
    public static string DumpDom(string url) => Run("--dump-dom", url, out _);

    public static void Screenshot(string url, string png, int width, int height) =>
        Run($"--screenshot={png} --window-size={width},{height} --hide-scrollbars", url, out _);

    private static string Run(string what, string url, out string errors)
    {
        string profile = Path.Combine(Path.GetTempPath(), "hh-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking " +
                                    "--disable-component-update --disable-sync " + what).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                start.ArgumentList.Add(arg);
            start.ArgumentList.Add("--user-data-dir=" + profile);
            start.ArgumentList.Add(url);
            using var process = Process.Start(start)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish {url} within 3 minutes.");
            }
            errors = error.Result;
            Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}: {errors}");
            return output.Result;
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

/// <summary>A test that needs Chromium: skipped, saying why, where it cannot run.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.WhyUnavailable() is string reason) Skip = reason;
    }
}
