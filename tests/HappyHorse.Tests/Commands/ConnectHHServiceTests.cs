using System;
using System.Linq;
using System.Management.Automation;
using HappyHorse.Emulator;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands;

/// <summary>Tests that change process environment variables run alone.</summary>
[CollectionDefinition("Environment", DisableParallelization = true)]
public sealed class EnvironmentCollection
{
}

/// <summary>Where the token and base come from, bad tokens, and the token never leaking.</summary>
[Collection("Environment")]
public class ConnectHHServiceTests : ModuleTestBase
{
    private const string Script = "New-HHVideoJob -Prompt 'character1 waves' -ImageUrl 'https://i.example/a.png'";

    private static T WithEnvironment<T>(string? token, string? baseUri, Func<T> body)
    {
        string? oldToken = Environment.GetEnvironmentVariable("RUNCOMFY_TOKEN");
        string? oldBase = Environment.GetEnvironmentVariable("RUNCOMFY_MODEL_API_BASE");
        Environment.SetEnvironmentVariable("RUNCOMFY_TOKEN", token);
        Environment.SetEnvironmentVariable("RUNCOMFY_MODEL_API_BASE", baseUri);
        try { return body(); }
        finally
        {
            Environment.SetEnvironmentVariable("RUNCOMFY_TOKEN", oldToken);
            Environment.SetEnvironmentVariable("RUNCOMFY_MODEL_API_BASE", oldBase);
        }
    }

    [Fact]
    public void NoTokenAnywhereIsATerminatingErrorNamingTheThreeWays()
    {
        var result = WithEnvironment(null, null, () => Run(Script + " -BaseUri $BaseUri"));
        // A cmdlet's terminating error ends its statement; the hosted script records it in the error stream.
        var error = Assert.Single(result.Errors);
        Assert.Equal("HappyHorse.NoToken", error.FullyQualifiedErrorId.Split(',')[0]);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        foreach (var way in new[] { "-Token", "Connect-HHService", "RUNCOMFY_TOKEN" }) Assert.Contains(way, error.ToString());
        Assert.Equal(0, Submits);
    }

    [Fact]
    public void EnvironmentVariablesAreUsedWhenNothingElseIsGiven()
    {
        var result = WithEnvironment(Token, Emulator.BaseUri.AbsoluteUri, () => Run(Script));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Single(result.Objects<HHVideoJob>());
        Assert.Equal(1, Emulator.Accounting.AcceptedSubmissions);
    }

    [Fact]
    public void ConnectHHServiceWinsOverTheEnvironmentAndStaysInItsRunspace()
    {
        var result = WithEnvironment("wrong-token", "http://127.0.0.1:1/v1", () =>
            Run("Connect-HHService -Token $Token -BaseUri $BaseUri; " + Script + " | Wait-HHJob -PollInterval 1"));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Equal("succeeded", Assert.Single(result.Objects<HHJobResult>()).Status);

        using var other = new PsSession();
        var isolated = WithEnvironment(null, null, () => other.Run(Script));
        Assert.StartsWith("HappyHorse.NoToken", Assert.Single(isolated.Errors).FullyQualifiedErrorId);
        Assert.Equal(1, Emulator.Accounting.AcceptedSubmissions);
    }

    [Fact]
    public void ABadTokenIsAnAuthenticationErrorAndNothingIsAccepted()
    {
        var result = Run(Script + " -Token 'not-the-token' -BaseUri $BaseUri");
        var error = Assert.Single(result.Errors);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("400004", error.ToString());
        Assert.DoesNotContain("not-the-token", result.AllText());
        Assert.Equal(0, Emulator.Accounting.AcceptedSubmissions);
    }

    [Fact]
    public void TheTokenAppearsInNoStreamOutputOrError()
    {
        var result = Run("""
            $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'
            $secure = [System.Net.NetworkCredential]::new('', $Token).SecurePassword
            $jobs = 1..2 | ForEach-Object { New-HHVideoJob -Prompt "character1 $_" -ImageUrl 'https://i.example/a.png' -Token $secure -BaseUri $BaseUri -Verbose -Debug }
            $jobs
            $jobs | Wait-HHJob -PollInterval 1 -Verbose -Debug
            $jobs | Get-HHJobStatus -Verbose -Debug
            $jobs | Stop-HHJob -Confirm:$false -Verbose -Debug
            Get-HHJobResult -RequestId 'no-such-id' -Token $Token -BaseUri $BaseUri -Verbose
            Connect-HHService -Token $Token -BaseUri $BaseUri -PassThru -Verbose
            """);
        Assert.NotEmpty(result.Verbose);
        Assert.Equal(2, result.Objects<HHJobResult>().Count());
        Assert.NotEmpty(result.Errors);
        string everything = result.AllText();
        Assert.DoesNotContain(Token, everything);
        foreach (var job in result.Objects<HHVideoJob>())
            Assert.DoesNotContain(Token, string.Join("|", PSObject.AsPSObject(job).Properties.Select(p => p.Name + "=" + p.Value)));
    }
}
