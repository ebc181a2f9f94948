using System.Diagnostics;

namespace HappyHorse.Bench;

/// <summary>
/// Stops this whole process for a while, as a suspended VM, a sleeping laptop or a debugger would:
/// a shell sends it SIGSTOP, sleeps, then SIGCONT. Linux only; elsewhere nothing happens.
/// </summary>
internal static class ProcessFreeze
{
    public static async Task RunAsync(TimeSpan after, TimeSpan length)
    {
        if (!OperatingSystem.IsLinux()) return;
        await Task.Delay(after);
        var info = new ProcessStartInfo("sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("kill -STOP $0; sleep $1; kill -CONT $0");
        info.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(length.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));
        using var shell = Process.Start(info) ?? throw new InvalidOperationException("sh did not start.");
        await shell.WaitForExitAsync();
    }
}
