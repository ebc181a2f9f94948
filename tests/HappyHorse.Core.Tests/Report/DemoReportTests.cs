using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace HappyHorse.Core.Tests.Report;

/// <summary>The demo ends by writing report.html beside the videos and printing its path.</summary>
public sealed class DemoReportTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "hh-demo-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task TheDemoWritesVideosReportHtmlAndPrintsItsPath()
    {
        // The demo's build output sits beside this test assembly's, in the same configuration.
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string demo = Path.Combine(RepoPaths.Root, "tools", "HappyHorse.Demo", "bin", configuration, "net10.0", "HappyHorse.Demo.dll");
        Assert.True(File.Exists(demo), $"{demo} is missing: build tools/HappyHorse.Demo (the test project builds it first).");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = RepoPaths.Root };
        foreach (string arg in new[] { demo, "--out", _out }) start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        Task<string> reading = process.StandardOutput.ReadToEndAsync(), readingErrors = process.StandardError.ReadToEndAsync();
        using (var limit = new System.Threading.CancellationTokenSource(TimeSpan.FromMinutes(5)))
        {
            try { await process.WaitForExitAsync(limit.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
        }
        string output = await reading, errors = await readingErrors;

        Assert.True(process.HasExited && process.ExitCode == 0, $"the demo did not end with 0:\n{output}\n{errors}");
        string report = Path.Combine(_out, "report.html");
        Assert.Contains("Report:   " + report, output);
        var cards = ReportFixture.Parse(File.ReadAllText(report)).QuerySelectorAll("#cards > article").ToList();
        int rows = File.ReadAllLines(Path.Combine(RepoPaths.Root, "examples", "prompts.csv")).Count(l => l.Length > 0) - 1;
        Assert.Equal(rows, cards.Count);
        Assert.All(cards, c => Assert.True(File.Exists(Path.Combine(_out, Uri.UnescapeDataString(c.QuerySelector("video")!.GetAttribute("src")!))), c.Id));
    }
}
