using System;
using System.Linq;
using System.Threading.Tasks;
using HappyHorse.Api;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Security;

/// <summary>Issue 11: a model id or request id with dot segments cannot steer a request (and its token) out of /models/ or /requests/.</summary>
public class ApiIdTests : ModuleTestBase
{
    private const string Good = "9b1f3c1e-0000-4000-8000-000000000001";

    private static RawAnswer Accepting(string requestId) => RawAnswer.Json($$"""{"request_id":"{{requestId}}","status":"in_queue"}""");

    [Theory]
    [InlineData("New-HHVideoJob -Prompt 'character1 waves' -ImageUrl https://img.example/a.png -Model '../../admin/reset'", "../../admin/reset")]
    [InlineData("New-HHVideoJob -Prompt 'character1 waves' -ImageUrl https://img.example/a.png -Model 'happyhorse/./x'", "happyhorse/./x")]
    [InlineData("[pscustomobject]@{ prompt = 'character1 waves'; image_url_1 = 'https://img.example/a.png'; Model = 'a/../../../admin' } | New-HHVideoJob", "a/../../../admin")]
    [InlineData("New-HHModelJob -Model '../admin/reset' -InputObject @{ prompt = 'x' }", "../admin/reset")]
    public async Task AModelIdWithDotSegmentsIsRefusedAndNothingIsSent(string command, string model)
    {
        await using var raw = RawHttpServer.Start(Accepting(Good));
        var result = Run(command + " -Token $Token -BaseUri $Raw", ("Raw", raw.BaseUri.AbsoluteUri));

        Assert.Empty(raw.Requests);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.InvalidInput,", error.FullyQualifiedErrorId);
        ApiTest.Mentions(error.ToString(), "Model", model, "segment");
    }

    [Theory]
    [InlineData("Get-HHJobStatus")]
    [InlineData("Get-HHJobResult")]
    [InlineData("Wait-HHJob")]
    [InlineData("Stop-HHJob")]
    [InlineData("Save-HHVideo -Path ([IO.Path]::GetTempPath())")]
    public async Task ARequestIdWithDotSegmentsOrSlashesIsRefusedAndNothingIsSent(string cmdlet)
    {
        await using var raw = RawHttpServer.Start(RawAnswer.Json("{}"));
        var result = Run($"'..', '.', 'a/../../admin' | {cmdlet} -Token $Token -BaseUri $Raw", ("Raw", raw.BaseUri.AbsoluteUri));

        Assert.Empty(raw.Requests);
        Assert.Equal(3, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.StartsWith("HappyHorse.InvalidRequestId,", e.FullyQualifiedErrorId));
        ApiTest.Mentions(result.Errors[0].ToString(), "'..'", "nothing was sent");
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../../admin")]
    public async Task ARequestIdAServerReturnsOnSubmitIsRefusedAsAnUnknownOutcome(string returned)
    {
        await using var raw = RawHttpServer.Start(Accepting(returned));
        var result = Run("New-HHVideoJob -Prompt 'character1 waves' -ImageUrl https://img.example/a.png -Token $Token -BaseUri $Raw | Wait-HHJob -Timeout 10",
            ("Raw", raw.BaseUri.AbsoluteUri));

        // The submit itself, then nothing: no job came out to be waited on at a path outside /requests/.
        var only = Assert.Single(raw.Requests);
        Assert.Equal("/v1/models/happyhorse/happyhorse-1.0/reference-to-video", only.Target);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.Submit.OutcomeUnknown,", error.FullyQualifiedErrorId);
        ApiTest.Mentions(error.ToString(), "request_id", returned);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task ARequestIdAServerEchoesInAReplyIsRefusedAndNeverUsed()
    {
        await using var raw = RawHttpServer.Start(RawAnswer.Json("""{"request_id":"../../../admin","status":"succeeded","output":{"video":"https://cdn.example/v.mp4"}}"""));
        var result = Run($"Get-HHJobResult -RequestId {Good} -Token $Token -BaseUri $Raw | Get-HHJobStatus -Token $Token -BaseUri $Raw", ("Raw", raw.BaseUri.AbsoluteUri));

        Assert.All(raw.Requests, r => Assert.StartsWith($"/v1/requests/{Good}/", r.Target));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.GetResult.InvalidResponse,", error.FullyQualifiedErrorId);
        ApiTest.Mentions(error.ToString(), "request_id", "../../../admin");
        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData("happyhorse/happyhorse-1.0/reference-to-video", true)]
    [InlineData("/happyhorse/happyhorse-1.0/text-to-video/", true)]
    [InlineData("a..b/c", true)]
    [InlineData("..", false)]
    [InlineData("a/./b", false)]
    [InlineData("a//b", false)]
    [InlineData("a\\..\\b", false)]
    [InlineData(" ", false)]
    public void ModelIdsAreCheckedSegmentBySegment(string id, bool usable) => Assert.Equal(usable, ApiIds.ModelProblem(id) == null);

    [Theory]
    [InlineData(Good, true)]
    [InlineData("..x", true)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("a/b", false)]
    [InlineData("a\\b", false)]
    [InlineData("", false)]
    public void RequestIdsAreOneSegment(string id, bool usable) => Assert.Equal(usable, ApiIds.RequestIdProblem(id) == null);

    [Fact]
    public async Task TheClientItselfNeverBuildsAURLOutsideItsFolders()
    {
        await using var raw = RawHttpServer.Start(RawAnswer.Json("{}"));
        var client = new RunComfyClient(raw.BaseUri, ApiCredential.FromPlainText("t"));
        var model = await Assert.ThrowsAsync<RunComfyApiException>(() => client.SubmitAsync("../../admin/reset", new byte[] { (byte)'{', (byte)'}' }, default));
        var request = await Assert.ThrowsAsync<RunComfyApiException>(() => client.GetStatusAsync("..", default));
        Assert.Equal(ApiErrorKind.InvalidModel, model.Kind);
        Assert.Equal(ApiErrorKind.InvalidInput, request.Kind);
        Assert.Empty(raw.Requests);
    }
}
