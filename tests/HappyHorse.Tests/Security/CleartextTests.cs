using System;
using System.Management.Automation;
using System.Threading.Tasks;
using HappyHorse.Api;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Security;

/// <summary>Issue 11: a bearer token never travels in clear: plain http only to this machine, directly or through a proxy on it.</summary>
public class CleartextTests : ModuleTestBase
{
    // TEST-NET-1 (RFC 5737): never routed, so a request that slipped through would only time out.
    private const string RemoteHttp = "http://192.0.2.10:8080/v1";

    [Theory]
    [InlineData("New-HHVideoJob -Prompt 'character1 waves' -ImageUrl https://img.example/a.png")]
    [InlineData("New-HHModelJob -Model happyhorse/happyhorse-1.0/text-to-video -InputObject @{ prompt = 'x' }")]
    [InlineData("Get-HHJobStatus -RequestId 9b1f3c1e-0000-4000-8000-000000000001")]
    [InlineData("Get-HHJobResult -RequestId 9b1f3c1e-0000-4000-8000-000000000001")]
    [InlineData("Wait-HHJob -RequestId 9b1f3c1e-0000-4000-8000-000000000001")]
    [InlineData("Stop-HHJob -RequestId 9b1f3c1e-0000-4000-8000-000000000001")]
    [InlineData("Save-HHVideo -RequestId 9b1f3c1e-0000-4000-8000-000000000001 -Path ([IO.Path]::GetTempPath())")]
    [InlineData("Invoke-HHVideo -Prompt 'character1 waves' -ImageUrl https://img.example/a.png")]
    public void PlainHttpToAnotherMachineIsRefusedBeforeAnythingIsSent(string command)
    {
        var result = Run(command + " -Token $Token -BaseUri $Remote -TimeoutSec 2", ("Remote", RemoteHttp));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.InsecureBaseUri,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        ApiTest.Mentions(error.ToString(), "http://192.0.2.10:8080", "unencrypted", "Nothing was sent");
        Assert.Contains("https://", error.ErrorDetails.RecommendedAction);
        Assert.DoesNotContain(Token, result.AllText());
    }

    [Fact]
    public void TheSameHoldsForTheEnvironmentAndConnectHHService()
    {
        var fromEnvironment = Run("""
            $env:RUNCOMFY_MODEL_API_BASE = $Remote
            try { Get-HHJobStatus -RequestId 9b1f3c1e-0000-4000-8000-000000000001 -Token $Token -TimeoutSec 2 }
            finally { $env:RUNCOMFY_MODEL_API_BASE = $null }
            """, ("Remote", RemoteHttp));
        var connected = Run("Connect-HHService -Token $Token -BaseUri $Remote; Get-HHJobStatus -RequestId 9b1f3c1e-0000-4000-8000-000000000001 -TimeoutSec 2",
            ("Remote", RemoteHttp));

        Assert.StartsWith("HappyHorse.InsecureBaseUri,", Assert.Single(fromEnvironment.Errors).FullyQualifiedErrorId);
        // Connect-HHService refuses to hold it; the next call then has no session and says so itself.
        Assert.StartsWith("HappyHorse.InsecureBaseUri,", connected.Errors[0].FullyQualifiedErrorId);
        Assert.Contains("ConnectHHServiceCommand", connected.Errors[0].FullyQualifiedErrorId);
    }

    [Fact]
    public async Task TheLocalEmulatorOverHttpIsRefusedThroughAProxyOnAnotherMachineAndAllowedThroughALocalOne()
    {
        var remote = Run("New-HHVideoJob -Prompt 'character1 waves' -ImageUrl https://img.example/a.png -Token $Token -BaseUri $BaseUri -Proxy http://192.0.2.10:3128 -TimeoutSec 2");
        await using var local = new ForwardProxy();
        var near = Run("New-HHVideoJob -Prompt 'character1 waves' -ImageUrl https://img.example/a.png -Token $Token -BaseUri $BaseUri -Proxy $P", ("P", local.Uri));

        var error = Assert.Single(remote.Errors);
        Assert.StartsWith("HappyHorse.InsecureBaseUri,", error.FullyQualifiedErrorId);
        ApiTest.Mentions(error.ToString(), "proxy", "192.0.2.10:3128", "unencrypted");
        Assert.True(near.Errors.Count == 0, near.ErrorText);
        Assert.Single(near.Objects<HHVideoJob>());
        Assert.Equal(1, Submits);
    }

    [Fact]
    public void AJobOfThisSessionOnTheEmulatorIsNotFollowedThroughAProxyOnAnotherMachine()
    {
        var result = Run("""
            $job = New-HHVideoJob -Prompt 'character1 waves' -ImageUrl https://img.example/a.png -Token $Token -BaseUri $BaseUri
            $job | Get-HHJobStatus -Proxy http://192.0.2.10:3128 -TimeoutSec 2
            """);
        Assert.StartsWith("HappyHorse.InsecureBaseUri,", Assert.Single(result.Errors).FullyQualifiedErrorId);
    }

    [Theory]
    [InlineData("https://model-api.runcomfy.net/v1", null, true)]
    [InlineData("https://model-api.runcomfy.net/v1", "http://proxy.corp.example:8080", true)]
    [InlineData("http://127.0.0.1:5199/v1", null, true)]
    [InlineData("http://localhost:5199/v1", null, true)]
    [InlineData("http://[::1]:5199/v1", null, true)]
    [InlineData("http://127.0.0.1:5199/v1", "http://127.0.0.1:3128", true)]
    [InlineData("http://127.0.0.1:5199/v1", "http://proxy.corp.example:8080", false)]
    [InlineData("http://model-api.runcomfy.net/v1", null, false)]
    [InlineData("http://10.0.0.5:5199/v1", null, false)]
    [InlineData("http://model-api.runcomfy.net/v1", "http://127.0.0.1:3128", false)]
    public void OnlyHttpsOrALoopbackPathMayCarryTheToken(string api, string? proxy, bool allowed)
    {
        var settings = proxy == null ? null : new ProxySettings(new Uri(proxy), null, null);
        Assert.Equal(allowed, TransportSecurity.CleartextProblem(new Uri(api), settings) == null);
        if (!allowed)
            Assert.Throws<ArgumentException>(() => new RunComfyClient(new Uri(api), ApiCredential.FromPlainText("t"), new ClientOptions { Proxy = settings }));
    }
}
