using System.Globalization;

namespace HappyHorse.Emulator.Cli;

/// <summary>Parses the command line into options. Every EmulatorOptions setting has a flag; unknown flags are errors, not ignored.</summary>
internal sealed class CommandLine
{
    public const string DefaultUrl = "http://127.0.0.1:5199";

    public EmulatorOptions Options { get; } = new();
    public string Urls { get; private set; } = DefaultUrl;
    public bool ShowHelp { get; private set; }

    public static string HelpText
    {
        get
        {
            var d = new EmulatorOptions();
            return $"""
                HappyHorse emulator: a local RunComfy-compatible Model API server.

                Usage: dotnet run --project src/HappyHorse.Emulator -- [options]

                  --urls <url[;url]>          listen address (default {DefaultUrl}; loopback only unless told otherwise)
                  --token <token>             accepted bearer token; repeat or comma-separate for several (default {d.Tokens[0]})
                  --workers <n>               jobs generating at once, the rest queue FIFO (default {d.Workers})
                  --time-scale <x>            generation wall time = duration s × x (default {d.TimeScale.ToString(CultureInfo.InvariantCulture)})
                  --seed <n>                  seed of every random draw and of the request ids (default: a fresh one
                                              per run and per reset, so request ids never repeat across runs)
                  --errors-as-200             send API error bodies with HTTP 200
                  --large-output-mb <n>       outputs become a synthetic streamed file of n MiB (default 0 = small MP4)
                  --videos-array              result output as "videos": [url] instead of "video": url
                  --price <usd>               reference-to-video's price per second of video (default {d.BasePriceUsd.ToString(CultureInfo.InvariantCulture)})
                  --model-price <model_id>=<usd>
                                              price of any model in its own unit (per second or per request); repeatable
                  --balance <usd>             account balance; submissions beyond it get 400002 (default unlimited)
                  --no-data-images            refuse data: image URIs (default: accepted, decoded and checked like a fetched image)
                  --retry-after <s>           Retry-After of injected 429s (default {d.RetryAfterSeconds})
                  --latency-ms <ms>           latency added to every endpoint (default 0)
                  --latency <endpoint>=<ms>   latency added to one endpoint; repeatable
                  --fault <endpoint>:<kind>=<rate>
                                              inject a fault; repeatable. endpoint: submit|status|result|cancel|catalog|download|image
                                              kind: 429|500|502|503|drop-before|drop-after|truncated (or the FaultKind name)
                  --failed-rate <rate>        share of generations that end failed (default 0)
                  --fail-prompt-containing <text>
                                              generations whose prompt contains <text> end failed (a test picks the rows)
                  --unknown-status-rate <rate> share of status answers with an unknown status string (default 0)
                  --result-success-word <w>   /result's word for a finished job with a video: succeeded (default) or
                                              completed (what RunComfy's own tests send)
                  --canceled-spelling <w>     cancelled (default) or canceled, on /status, /result and /cancel
                  --cancel-answer <a[,a]>     how /cancel answers; repeatable or comma-separated:
                                              standard (default): request_id, status and outcome (cancelled)
                                              cancellation_requested: a queued job's cancel answers that outcome
                                                (status in_queue); the job is cancelled from the next call on
                                              outcome-only: the answer carries only outcome
                  --help                      show this text

                Example: --fault submit:429=0.1 --fault status:drop-before=0.05 --latency status=200
                """;
        }
    }

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new CommandLine();
        var tokens = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string flag = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{flag} needs a value.");
            EmulatorOptions o = result.Options;
            switch (flag)
            {
                case "--help" or "-h" or "-?": result.ShowHelp = true; break;
                case "--urls": result.Urls = Value(); break;
                case "--token": tokens.AddRange(Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                case "--workers": o.Workers = Positive(flag, Int(flag, Value())); break;
                case "--time-scale": o.TimeScale = NonNegative(flag, Double(flag, Value())); break;
                case "--seed": o.Seed = Int(flag, Value()); break;
                case "--errors-as-200": o.ErrorsAsHttp200 = true; break;
                case "--large-output-mb": o.LargeOutputBytes = (long)(NonNegative(flag, Double(flag, Value())) * 1024 * 1024); break;
                case "--videos-array": o.OutputAsVideosArray = true; break;
                case "--price": o.BasePriceUsd = Decimal(flag, Value()); break;
                case "--model-price": ParseModelPrice(o, Value()); break;
                case "--balance": o.BalanceUsd = Decimal(flag, Value()); break;
                case "--no-data-images": o.AcceptDataImages = false; break;
                case "--retry-after": o.RetryAfterSeconds = (int)NonNegative(flag, Int(flag, Value())); break;
                case "--latency-ms": o.Faults.SetLatency(null, (int)NonNegative(flag, Int(flag, Value()))); break;
                case "--latency": ParseLatency(o.Faults, Value()); break;
                case "--fault": ParseFault(o.Faults, Value()); break;
                case "--failed-rate": o.Faults.FailedGenerationRate = Double(flag, Value()); break;
                case "--fail-prompt-containing": o.Faults.FailPromptContaining = Value(); break;
                case "--unknown-status-rate": o.Faults.UnknownStatusRate = Double(flag, Value()); break;
                case "--result-success-word": o.ResultSuccessWord = OneOf(flag, Value(), Dialect.ResultSuccessWords); break;
                case "--canceled-spelling": o.CancelledWord = OneOf(flag, Value(), Dialect.CancelledWords); break;
                case "--cancel-answer": ParseCancelAnswer(o, Value()); break;
                default: throw new FormatException($"Unknown option '{flag}'. Try --help.");
            }
        }
        if (tokens.Count > 0) result.Options.Tokens = tokens;
        return result;
    }

    private static void ParseCancelAnswer(EmulatorOptions options, string text)
    {
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (part.ToLowerInvariant())
            {
                case "standard": options.CancelAnswerRequested = options.CancelAnswerOutcomeOnly = false; break;
                case Dialect.CancellationRequested: options.CancelAnswerRequested = true; break;
                case "outcome-only": options.CancelAnswerOutcomeOnly = true; break;
                default: throw new FormatException($"--cancel-answer expects standard, cancellation_requested or outcome-only (comma-separated to combine); got '{part}'.");
            }
        }
    }

    private static string OneOf(string flag, string text, IReadOnlyList<string> allowed) =>
        allowed.FirstOrDefault(a => string.Equals(a, text.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new FormatException($"{flag} expects {string.Join(" or ", allowed)}; got '{text}'.");

    private static void ParseLatency(FaultSettings faults, string text)
    {
        string[] parts = text.Split('=', 2);
        if (parts.Length != 2 || !FaultNames.TryParseEndpoint(parts[0], out EmulatorEndpoint endpoint))
            throw new FormatException($"--latency expects <endpoint>=<ms>, got '{text}'.");
        faults.SetLatency(endpoint, (int)NonNegative("--latency", Int("--latency", parts[1])));
    }

    private static void ParseModelPrice(EmulatorOptions options, string text)
    {
        int equals = text.LastIndexOf('=');
        string model = equals < 0 ? text : text[..equals];
        if (equals < 0 || !ModelCatalog.Ids.Contains(model))
            throw new FormatException($"--model-price expects <model_id>=<usd> with one of {string.Join(", ", ModelCatalog.Ids)}; got '{text}'.");
        options.ModelPrices[model] = Decimal("--model-price", text[(equals + 1)..]);
    }

    private static void ParseFault(FaultSettings faults, string text)
    {
        int colon = text.IndexOf(':'), equals = text.LastIndexOf('=');
        if (colon < 0 || equals < colon
            || !FaultNames.TryParseEndpoint(text[..colon], out EmulatorEndpoint endpoint)
            || !FaultNames.TryParseKind(text[(colon + 1)..equals], out FaultKind kind))
            throw new FormatException($"--fault expects <endpoint>:<kind>=<rate>, got '{text}'.");
        faults.Set(endpoint, kind, Double("--fault", text[(equals + 1)..]));
    }

    private static int Int(string flag, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : throw new FormatException($"{flag}: '{text}' is not an integer.");

    private static double Double(string flag, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw new FormatException($"{flag}: '{text}' is not a number.");

    private static decimal Decimal(string flag, string text) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal v) && v >= 0 ? v : throw new FormatException($"{flag}: '{text}' is not an amount.");

    private static int Positive(string flag, int value) => value > 0 ? value : throw new FormatException($"{flag} must be at least 1.");

    private static double NonNegative(string flag, double value) => value >= 0 ? value : throw new FormatException($"{flag} must not be negative.");
}
