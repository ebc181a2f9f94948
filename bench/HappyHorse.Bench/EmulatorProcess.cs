using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HappyHorse.Bench;

/// <summary>
/// The emulator in its own process, so the client's CPU time and working set are the client's alone.
/// Counters come from its /admin endpoints, which are not themselves counted.
/// </summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    public const string Token = "bench-token";
    private const string ListeningLine = "HappyHorse emulator listening on ";

    private readonly Process _process;
    private readonly HttpClient _admin;

    private EmulatorProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
        _admin = new HttpClient { BaseAddress = new Uri(baseUri.GetLeftPart(UriPartial.Authority)), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The emulator's CPU seconds so far: what serving a client cost it.</summary>
    public double CpuSeconds
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime.TotalSeconds;
        }
    }

    /// <summary>e.g. http://127.0.0.1:41234/v1</summary>
    public Uri BaseUri { get; }

    public static async Task<EmulatorProcess> StartAsync(int workers, double timeScale, int latencyMs, params string[] extra)
    {
        var info = new ProcessStartInfo(BenchPaths.DotnetHost)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string a in new[]
                 {
                     BenchPaths.RequireFile(BenchPaths.EmulatorDll, "dotnet build bench/HappyHorse.Bench -c Release"),
                     "--urls", "http://127.0.0.1:0", "--token", Token,
                     "--workers", workers.ToString(CultureInfo.InvariantCulture),
                     "--time-scale", timeScale.ToString(CultureInfo.InvariantCulture),
                     "--latency-ms", latencyMs.ToString(CultureInfo.InvariantCulture),
                 }.Concat(extra))
            info.ArgumentList.Add(a);

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new StringBuilder();
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith(ListeningLine, StringComparison.Ordinal))
                listening.TrySetResult(new Uri(line[ListeningLine.Length..].Trim()));
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data == null) return;
            lock (errors) errors.AppendLine(e.Data);
            Console.Error.WriteLine("emulator: " + e.Data);
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The emulator exited with code {process.ExitCode} before listening: {errors}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            Uri baseUri = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return new EmulatorProcess(process, baseUri);
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    public async Task<EmulatorStats> StatsAsync()
    {
        using JsonDocument json = JsonDocument.Parse(await _admin.GetStringAsync("/admin/stats"));
        JsonElement root = json.RootElement, requests = root.GetProperty("requests"), jobs = root.GetProperty("jobs");
        return new EmulatorStats(
            requests.GetProperty("submit").GetInt64(),
            requests.GetProperty("status").GetInt64(),
            requests.GetProperty("result").GetInt64(),
            requests.GetProperty("cancel").GetInt64(),
            root.GetProperty("accepted_submissions").GetInt64(),
            root.GetProperty("duplicate_submissions").GetInt64(),
            root.GetProperty("peak_concurrent_requests").GetInt32(),
            jobs.GetProperty("in_queue").GetInt32(),
            jobs.GetProperty("in_progress").GetInt32(),
            jobs.GetProperty("succeeded").GetInt32());
    }

    /// <summary>Changes the latency added to every endpoint while the emulator runs.</summary>
    public async Task SetLatencyAsync(int milliseconds)
    {
        string body = $$$"""{"latency_ms": {"all": {{{milliseconds}}}}}""";
        using HttpResponseMessage response = await _admin.PutAsync("/admin/faults", new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        Stop(_process);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }
}

/// <summary>The emulator's accounting at one moment.</summary>
internal sealed record EmulatorStats(
    long Submit, long Status, long Result, long Cancel,
    long Accepted, long Duplicates, int PeakConcurrent,
    int InQueue, int InProgress, int Succeeded)
{
    public long JobRequests => Submit + Status + Result;
}
