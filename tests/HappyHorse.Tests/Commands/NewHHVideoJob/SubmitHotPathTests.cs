using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HappyHorse.Pipeline;

using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands.NewHHVideoJob;

/// <summary>
/// Issue 15: the per-row shortcuts of the submit path (the model URL kept per client, one walk of a
/// row's members, a wake posted only when the pipeline thread has nothing queued) change no outcome.
/// </summary>
public class SubmitHotPathTests : ModuleTestBase
{
    [Fact]
    public async Task RowsNamingDifferentModelsInOneBatchEachGoToTheirOwnModel()
    {
        int accepted = 0;
        await using var raw = RawHttpServer.Start(_ =>
            RawAnswer.Json($$"""{"request_id":"9b1f3c1e-0000-4000-8000-00000000000{{Interlocked.Increment(ref accepted)}}","status":"in_queue"}"""));
        var rows = new[] { "acme/one", "acme/two", "acme/one", "" }
            .Select((model, i) => CsvRows.Row(("prompt", "character1 walks " + i), ("image_url_1", "https://img.example/a.png"), ("model_id", model)))
            .ToArray();

        var result = Run("$rows | New-HHVideoJob -ThrottleLimit 2 -Token $Token -BaseUri $Raw", ("rows", rows), ("Raw", raw.BaseUri.AbsoluteUri));

        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Equal(4, result.Objects<HHVideoJob>().Count());
        Assert.Equal(
            new[] { "/v1/models/acme/one", "/v1/models/acme/one", "/v1/models/acme/two", "/v1/models/happyhorse/happyhorse-1.0/reference-to-video" },
            raw.Requests.Where(r => r.Method == "POST").Select(r => r.Target).OrderBy(t => t, System.StringComparer.Ordinal));
    }

    [Fact]
    public void ARowWithoutAPromptColumnIsNamedWithItsColumnsAndTheNextRowStillGoes()
    {
        var rows = new[]
        {
            CsvRows.Row(("name", "first"), ("image_url_1", "https://img.example/a.png")),
            CsvRows.Row(("name", "second"), ("PROMPT", "character1 waves"), ("image_url_1", "https://img.example/a.png")),
        };

        var result = Run("$rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri", ("rows", rows));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.InvalidInput,", error.FullyQualifiedErrorId);
        Assert.Contains("it has no prompt column (its columns: name, image_url_1)", error.ToString());
        Assert.Equal("second", Assert.Single(result.Objects<HHVideoJob>()).Title);
    }

    [Fact]
    public void AWakeIsPostedOnlyWhenNothingIsQueuedForThePipelineThread()
    {
        using var dispatcher = new PipelineDispatcher();
        dispatcher.Wake();
        Assert.Equal(1, dispatcher.Pending);

        dispatcher.Drain();
        dispatcher.Post(() => { });
        dispatcher.Wake();
        Assert.Equal(1, dispatcher.Pending);
    }

    [Fact]
    public void InAStageChainEveryWakeIsPostedSinceTheChainLearnsOfWorkByPosts()
    {
        int told = 0;
        using var dispatcher = new PipelineDispatcher(() => Interlocked.Increment(ref told));
        dispatcher.Post(() => { });
        dispatcher.Wake();
        Assert.Equal(2, dispatcher.Pending);
        Assert.Equal(2, told);
    }
}
