using System;
using System.IO;

namespace HappyHorse.Demo;

/// <summary>The command line. No arguments is the common case: the bundled CSV against the in-process emulator.</summary>
public sealed class DemoOptions
{
    public const string HelpText = """
        HappyHorse demo: runs the module's main job end to end with no PowerShell installed.

          $rows | New-HHVideoJob -Token $t -BaseUri $b -Verbose | Wait-HHJob -PollInterval 1 |
              Save-HHVideo -Path $out -FileName '{Index}-{name}'

        It hosts PowerShell 7.6 in-process, imports out/HappyHorse/HappyHorse.psd1, reads the CSV as
        Import-Csv would and runs the pipeline above, which saves every video as it finishes. It ends
        by writing <out>/report.html with Export-HHReport (a card per row, the videos beside it).

        usage: dotnet run --project tools/HappyHorse.Demo [-- options]

          --csv <path>        rows to submit (default: examples/prompts.csv in the repository)
          --out <dir>         where the videos go (default: ./videos)
          --base-uri <url>    use this API instead of starting the local emulator, e.g.
                              https://model-api.runcomfy.net/v1 (real generations are paid)
          --token <token>     the token for --base-uri (default: $RUNCOMFY_TOKEN)
          -h, --help          this text

        Without --base-uri an emulator starts on a free loopback port with a one-off token.
        Exit code: 0 when every row ended as a downloaded video, 1 otherwise, 2 for bad arguments.
        """;

    public string? CsvPath { get; private set; }

    public string OutputDirectory { get; private set; } = "videos";

    public Uri? BaseUri { get; private set; }

    public string? Token { get; private set; }

    public bool ShowHelp { get; private set; }

    /// <summary>True when the demo talks to an endpoint of the user's choosing instead of its own emulator.</summary>
    public bool UsesRemoteEndpoint => BaseUri != null;

    /// <exception cref="ArgumentException">An unknown option, a missing value or an inconsistent combination.</exception>
    public static DemoOptions Parse(string[] args)
    {
        var options = new DemoOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "-h":
                case "--help":
                case "-?":
                    options.ShowHelp = true;
                    break;
                case "--csv":
                    options.CsvPath = Value(args, ref i);
                    break;
                case "--out":
                    options.OutputDirectory = Value(args, ref i);
                    break;
                case "--token":
                    options.Token = Value(args, ref i);
                    break;
                case "--base-uri":
                    string text = Value(args, ref i);
                    if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                        throw new ArgumentException($"--base-uri '{text}' is not an absolute http(s) URL, e.g. https://model-api.runcomfy.net/v1.");
                    options.BaseUri = uri;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{arg}'. Try --help.");
            }
        }

        if (options.ShowHelp) return options;
        // A token alone would silently mean the real, paid service; ask for the endpoint explicitly.
        if (options.Token != null && options.BaseUri == null)
            throw new ArgumentException("--token needs --base-uri: without it the demo uses its own emulator and token.");
        if (options.BaseUri != null && options.Token == null)
        {
            options.Token = Environment.GetEnvironmentVariable("RUNCOMFY_TOKEN");
            if (string.IsNullOrWhiteSpace(options.Token))
                throw new ArgumentException("--base-uri needs a token: pass --token <token> or set RUNCOMFY_TOKEN.");
        }
        if (options.CsvPath != null && !File.Exists(options.CsvPath))
            throw new ArgumentException($"--csv: no file at '{Path.GetFullPath(options.CsvPath)}'.");
        return options;
    }

    private static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            throw new ArgumentException($"{args[i]} needs a value. Try --help.");
        return args[++i];
    }
}
