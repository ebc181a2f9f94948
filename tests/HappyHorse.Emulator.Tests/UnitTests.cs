using HappyHorse.Emulator.Cli;
using HappyHorse.Emulator.Outputs;
using HappyHorse.Emulator.Simulation;

namespace HappyHorse.Emulator.Tests;

/// <summary>The pieces with arithmetic worth pinning down on their own.</summary>
public sealed class UnitTests
{
    [Fact]
    public void Fenwick_tree_prefix_sums_survive_growth()
    {
        var tree = new FenwickTree();
        var reference = new int[5001];
        var random = new Random(1);
        for (int i = 1; i <= 5000; i++)
        {
            int v = random.Next(0, 3);
            reference[i] = v;
            tree.Add(i, v);
        }
        for (int i = 1; i <= 5000; i += 97)
        {
            tree.Add(i, -reference[i]);
            reference[i] = 0;
        }
        for (int i = 0; i <= 5000; i += 13) Assert.Equal(reference.Take(i + 1).Sum(), tree.PrefixSum(i));
    }

    [Theory]
    [InlineData(0L, 1)]
    [InlineData(250L, 2)]
    [InlineData(5_000_000_123L, 65_536)]
    [InlineData(77L, 300_000)]
    public void Synthetic_output_is_offset_mod_251_at_any_offset_and_length(long offset, int length)
    {
        var bytes = new byte[length];
        SyntheticOutput.Fill(offset, bytes);
        for (int i = 0; i < length; i++)
            if (bytes[i] != (byte)((offset + i) % 251)) Assert.Fail($"byte {offset + i}: {bytes[i]}, expected {(offset + i) % 251}");
    }

    [Theory]
    [InlineData("bytes=0-9", 100, 0L, 9L)]
    [InlineData("bytes=90-", 100, 90L, 99L)]
    [InlineData("bytes=-10", 100, 90L, 99L)]
    [InlineData("bytes=-500", 100, 0L, 99L)]
    [InlineData("bytes=50-1000", 100, 50L, 99L)]
    public void Byte_range_parses_single_ranges(string header, long length, long start, long end)
    {
        Assert.Equal(new ByteRange(start, end), ByteRange.Parse(header, length, out bool ok));
        Assert.True(ok);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("bytes=0-1,5-6", true)]
    [InlineData("items=0-1", true)]
    [InlineData("bytes=9-3", true)]
    [InlineData("bytes=100-", false)]
    [InlineData("bytes=-0", false)]
    public void Byte_range_falls_back_to_the_whole_file_or_416(string? header, bool satisfiable)
    {
        Assert.Null(ByteRange.Parse(header, 100, out bool ok));
        Assert.Equal(satisfiable, ok);
    }

    [Fact]
    public void Command_line_sets_every_option()
    {
        CommandLine cli = CommandLine.Parse([
            "--urls", "http://0.0.0.0:6000", "--token", "a,b", "--token", "c", "--workers", "2", "--time-scale", "0.01",
            "--seed", "9", "--errors-as-200", "--large-output-mb", "2", "--videos-array", "--price", "0.2", "--balance", "5",
            "--model-price", "happyhorse/happyhorse-1.0/video-edit=0.75", "--model-price", "happyhorse/happyhorse-1.0/text-to-video=0.05",
            "--retry-after", "3", "--latency-ms", "10", "--latency", "status=20", "--fault", "submit:429=0.1",
            "--fault", "download:DropAfterAccept=0.2", "--failed-rate", "0.3", "--unknown-status-rate", "0.4",
            "--result-success-word", "completed", "--canceled-spelling", "canceled", "--cancel-answer", "cancellation_requested,outcome-only",
        ]);
        EmulatorOptions o = cli.Options;
        Assert.Equal("http://0.0.0.0:6000", cli.Urls);
        Assert.Equal(new[] { "a", "b", "c" }, o.Tokens);
        Assert.Equal(2, o.Workers);
        Assert.Equal(0.01, o.TimeScale);
        Assert.Equal(9, o.Seed);
        Assert.True(o.ErrorsAsHttp200);
        Assert.Equal(2L * 1024 * 1024, o.LargeOutputBytes);
        Assert.True(o.OutputAsVideosArray);
        Assert.Equal(0.2m, o.BasePriceUsd);
        Assert.Equal(0.75m, o.ModelPrices["happyhorse/happyhorse-1.0/video-edit"]);
        Assert.Equal(0.05m, o.ModelPrices["happyhorse/happyhorse-1.0/text-to-video"]);
        Assert.Equal(2, o.ModelPrices.Count);
        Assert.Equal(5m, o.BalanceUsd);
        Assert.Equal(3, o.RetryAfterSeconds);
        Assert.Equal(10, o.Faults.GetLatency(null));
        Assert.Equal(20, o.Faults.GetLatency(EmulatorEndpoint.Status));
        Assert.Equal(0.1, o.Faults.Get(EmulatorEndpoint.Submit, FaultKind.RateLimit429));
        Assert.Equal(0.2, o.Faults.Get(EmulatorEndpoint.Download, FaultKind.DropAfterAccept));
        Assert.Equal(0.3, o.Faults.FailedGenerationRate);
        Assert.Equal(0.4, o.Faults.UnknownStatusRate);
        Assert.Equal("completed", o.ResultSuccessWord);
        Assert.Equal("canceled", o.CancelledWord);
        Assert.True(o.CancelAnswerRequested);
        Assert.True(o.CancelAnswerOutcomeOnly);
    }

    [Fact]
    public void Command_line_dialect_defaults_are_the_documented_words_and_bad_words_are_refused()
    {
        EmulatorOptions o = CommandLine.Parse([]).Options;
        Assert.Null(o.Seed);
        Assert.Equal("succeeded", o.ResultSuccessWord);
        Assert.Equal("cancelled", o.CancelledWord);
        Assert.False(o.CancelAnswerRequested);
        Assert.False(o.CancelAnswerOutcomeOnly);

        EmulatorOptions repeated = CommandLine.Parse(["--cancel-answer", "outcome-only", "--cancel-answer", "cancellation_requested"]).Options;
        Assert.True(repeated.CancelAnswerRequested && repeated.CancelAnswerOutcomeOnly);
        EmulatorOptions reset = CommandLine.Parse(["--cancel-answer", "outcome-only", "--cancel-answer", "standard"]).Options;
        Assert.False(reset.CancelAnswerRequested || reset.CancelAnswerOutcomeOnly);

        Assert.Contains("succeeded or completed", Assert.Throws<FormatException>(() => CommandLine.Parse(["--result-success-word", "done"])).Message);
        Assert.Throws<FormatException>(() => CommandLine.Parse(["--canceled-spelling", "cancel"]));
        Assert.Contains("'maybe'", Assert.Throws<FormatException>(() => CommandLine.Parse(["--cancel-answer", "outcome-only,maybe"])).Message);
    }

    [Fact]
    public void Command_line_defaults_to_loopback_and_documents_every_flag()
    {
        CommandLine cli = CommandLine.Parse([]);
        Assert.Equal("http://127.0.0.1:5199", cli.Urls);
        Assert.Equal(new[] { "demo-token" }, cli.Options.Tokens);
        Assert.True(CommandLine.Parse(["--help"]).ShowHelp);
        foreach (string flag in new[] { "--urls", "--token", "--workers", "--time-scale", "--seed", "--errors-as-200", "--large-output-mb", "--latency-ms", "--fault", "--price", "--failed-rate", "--unknown-status-rate", "--retry-after", "--balance", "--videos-array", "--latency", "--model-price", "--result-success-word", "--canceled-spelling", "--cancel-answer", "cancellation_requested", "outcome-only" })
            Assert.Contains(flag, CommandLine.HelpText);
        Assert.Throws<FormatException>(() => CommandLine.Parse(["--bogus"]));
        Assert.Throws<FormatException>(() => CommandLine.Parse(["--fault", "submit:teapot=1"]));
        Assert.Throws<FormatException>(() => CommandLine.Parse(["--workers", "0"]));
        Assert.Throws<FormatException>(() => CommandLine.Parse(["--model-price", "happyhorse/happyhorse-1.0/text-to-image=0.1"]));
        Assert.Throws<FormatException>(() => CommandLine.Parse(["--model-price", "happyhorse/happyhorse-1.0/video-edit"]));
        Assert.Throws<FormatException>(() => CommandLine.Parse(["--model-price", "happyhorse/happyhorse-1.0/video-edit=-1"]));
    }

    [Fact]
    public void Request_ids_are_guid_shaped_and_seeded()
    {
        Assert.Equal(RequestIds.For(1, 5), RequestIds.For(1, 5));
        Assert.NotEqual(RequestIds.For(1, 5), RequestIds.For(2, 5));
        Assert.NotEqual(RequestIds.For(1, 5), RequestIds.For(1, 6));
        Assert.True(Guid.TryParse(RequestIds.For(0, 1), out _));
    }

    [Fact]
    public void Fault_rates_are_checked()
    {
        var faults = new FaultSettings();
        Assert.Throws<ArgumentOutOfRangeException>(() => faults.Set(EmulatorEndpoint.Submit, FaultKind.RateLimit429, 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => faults.FailedGenerationRate = -0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => faults.SetLatency(null, -1));
    }
}
