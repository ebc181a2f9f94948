using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace HappyHorse.Bench;

/// <summary>One measured figure beside its target. Pass null: reported for context, no target.</summary>
internal sealed record Figure(string Item, string Value, string Target, bool? Pass)
{
    public string Verdict => Pass switch { true => "PASS", false => "MISS", null => "info" };
}

/// <summary>
/// Prints figures as a table and, when `all` runs the benchmarks as child processes, hands them to
/// it through the file named by HH_BENCH_FIGURES (one JSON object a line).
/// </summary>
internal static class FigureReport
{
    public const string FileVariable = "HH_BENCH_FIGURES";

    public static string Machine =>
        $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}, " +
        $"{RuntimeInformation.FrameworkDescription}, PowerShell {PowerShellVersion} hosted in-process, " +
        $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, " +
        $"{DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}, load average {Load.Average}";

    private static string PowerShellVersion =>
        typeof(PSObject).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+', ' ')[0]
        ?? typeof(PSObject).Assembly.GetName().Version!.ToString();

    public static void Print(string title, IReadOnlyList<Figure> figures)
    {
        int item = Math.Max(4, figures.Max(f => f.Item.Length));
        int value = Math.Max(5, figures.Max(f => f.Value.Length));
        int target = Math.Max(6, figures.Max(f => f.Target.Length));
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine(Machine);
        Console.WriteLine();
        Console.WriteLine($"| {"figure".PadRight(item)} | {"value".PadRight(value)} | {"target".PadRight(target)} | verdict |");
        Console.WriteLine($"|{new string('-', item + 2)}|{new string('-', value + 2)}|{new string('-', target + 2)}|---------|");
        foreach (Figure f in figures)
            Console.WriteLine($"| {f.Item.PadRight(item)} | {f.Value.PadRight(value)} | {f.Target.PadRight(target)} | {f.Verdict,-7} |");
        Console.WriteLine();
    }

    /// <summary>Prints, hands the figures to `all` if it is listening, and gives the exit code: 1 if any target was missed.</summary>
    public static int Finish(string title, IReadOnlyList<Figure> figures)
    {
        Print(title, figures);
        if (Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } path)
            File.AppendAllLines(path, figures.Select(f => JsonSerializer.Serialize(f)));
        return figures.Any(f => f.Pass == false) ? 1 : 0;
    }

    public static List<Figure> Read(string path) =>
        File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<Figure>(l)!).ToList() : [];
}
