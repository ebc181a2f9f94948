using System.Collections.Concurrent;

namespace HappyHorse.Emulator;

/// <summary>Everything that shapes the emulator's behaviour. Read at request time, so tests may change it while running.</summary>
public sealed class EmulatorOptions
{
    /// <summary>Accepted bearer tokens. A job belongs to the token that submitted it.</summary>
    public List<string> Tokens { get; set; } = new() { "demo-token" };

    /// <summary>Account concurrency: jobs generating at once; the rest wait in a FIFO queue.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>Generation wall time = duration seconds × TimeScale (0.001 gives 5 ms for duration 5); a model without a duration counts 5 s.</summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>
    /// Seeds every random draw (faults, failed generations, unknown statuses) and the request ids.
    /// Null (the default) picks a fresh seed at every start and every reset, so no two runs hand out
    /// the same request ids: a journal kept from an earlier run never re-attaches to another job.
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>API error bodies arrive with HTTP 200, as RunComfy sometimes does.</summary>
    public bool ErrorsAsHttp200 { get; set; }

    /// <summary>&gt; 0: outputs are a synthetic file of this many bytes, generated while streaming.</summary>
    public long LargeOutputBytes { get; set; }

    /// <summary>Catalog price of reference-to-video in USD per second of video; cost = price × duration.</summary>
    public decimal BasePriceUsd { get; set; } = 0.12m;

    /// <summary>
    /// Catalog price in USD by model id, in the model's own unit (per second or per request); overrides
    /// <see cref="BasePriceUsd"/> and the built-in prices. Ids the catalog does not know are ignored.
    /// </summary>
    public IDictionary<string, decimal> ModelPrices { get; set; } = new ConcurrentDictionary<string, decimal>(StringComparer.Ordinal);

    /// <summary>Value of the Retry-After header on injected 429 answers.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    public FaultSettings Faults { get; set; } = new();

    /// <summary>Succeeded results carry <c>output.videos: [url]</c> instead of <c>output.video: url</c>.</summary>
    public bool OutputAsVideosArray { get; set; }

    /// <summary>
    /// The word /result uses for a finished job with a video: <see cref="Dialect.Succeeded"/> (documented)
    /// or <see cref="Dialect.Completed"/> (what RunComfy's own tests send and its clients accept).
    /// </summary>
    public string ResultSuccessWord { get; set; } = Dialect.Succeeded;

    /// <summary>The spelling of a cancelled job on /status, /result and /cancel: <see cref="Dialect.Cancelled"/> (documented) or <see cref="Dialect.Canceled"/>.</summary>
    public string CancelledWord { get; set; } = Dialect.Cancelled;

    /// <summary>
    /// A cancel of a queued job answers outcome <c>cancellation_requested</c> with the status it had
    /// (<c>in_queue</c>) instead of <c>cancelled</c>: the cancel takes effect for every later call.
    /// </summary>
    public bool CancelAnswerRequested { get; set; }

    /// <summary>Cancel answers carry only <c>outcome</c>: no <c>request_id</c>, no <c>status</c>.</summary>
    public bool CancelAnswerOutcomeOnly { get; set; }

    /// <summary>
    /// Image fields take data:&lt;type&gt;;base64 URIs (as RunComfy's own ComfyUI node sends them), decoded and
    /// checked like a fetched image. False: only https URLs, as the model's page documents.
    /// </summary>
    public bool AcceptDataImages { get; set; } = true;

    /// <summary>Account balance in USD; null is unlimited. A submission costing more than what is left gets 400002.</summary>
    public decimal? BalanceUsd { get; set; }

    /// <summary>Clock of the simulation; tests swap in a manual one to step time without sleeping.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
