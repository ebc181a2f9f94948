using System.Globalization;

namespace HappyHorse.Bench;

/// <summary>
/// "--name value" options. Unknown names are ignored on purpose: `all` hands its whole command line
/// to every benchmark, and each takes the options it knows.
/// </summary>
internal sealed class BenchArgs(string[] args)
{
    public string[] Raw { get; } = args;

    public int Int(string name, int fallback) => Text(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => Text(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => Array.IndexOf(Raw, name) >= 0;

    public string? Text(string name)
    {
        int i = Array.LastIndexOf(Raw, name);
        return i >= 0 && i + 1 < Raw.Length ? Raw[i + 1] : null;
    }
}
