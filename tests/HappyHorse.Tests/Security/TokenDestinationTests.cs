using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Security;

/// <summary>
/// Issue 11, "where the token may go": the bearer token reaches the API the command line,
/// Connect-HHService or the environment chose, and nothing else; a row, a file or a journal line
/// never chooses it.
/// </summary>
public class TokenDestinationTests : ModuleTestBase, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hh-token-").FullName;

    private const string Image = "/images/ref.png?w=800&h=600";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryAPICmdletSendsTheTokenToTheAPIHostAndNowhereElse(bool throughProxy)
    {
        string emulatorRoot = Emulator.RootUri.AbsoluteUri.TrimEnd('/');
        await using var videoHost = new LoggingRelay(Emulator.RootUri);
        // The emulator names video URLs after the host it was asked on; the API relay moves them to their own host.
        await using var api = new LoggingRelay(Emulator.RootUri, json => json.Replace(emulatorRoot + "/files/", videoHost.RootUri.AbsoluteUri + "files/"));
        await using var imageHost = new LoggingRelay(Emulator.RootUri);
        await using var trap = LoggingRelay.Trap();
        await using var proxy = new ForwardProxy();

        var result = Run("""
            $net = if ($UseProxy) { @{ Proxy = $ProxyUri } } else { @{} }
            Connect-HHService -Token $Token -BaseUri $Api
            $check = Test-HHReferenceImage -Url $Image
            $job = New-HHVideoJob -Prompt 'character1 waves' -ImageUrl $Image -Preflight -JournalPath $Journal @net
            $other = New-HHModelJob -Model happyhorse/happyhorse-1.0/text-to-video -InputObject @{ prompt = 'a horse runs' } @net
            $null = $job, $other | Get-HHJobStatus @net
            $null = $job | Get-HHJobResult @net
            $results = @($job, $other | Wait-HHJob -PollInterval 1 -Timeout 60 @net)
            $null = $results | Save-HHVideo -Path $Out @net
            $null = Resume-HHJob -JournalPath $Journal -IncludeFinished | Get-HHJobStatus @net
            $null = New-HHVideoJob -Prompt 'character1 stops' -ImageUrl $Image @net | Stop-HHJob -ErrorAction SilentlyContinue @net
            $null = Invoke-HHVideo -Prompt 'character1 jumps' -ImageUrl $Image -Preflight -Path $Out -Timeout 60 @net
            # Hostile data: a CSV row and a saved job that name another host.
            $null = [pscustomobject]@{ Prompt = 'character1 hides'; ImageUrl = $Image; BaseUri = $Trap } | New-HHVideoJob @net
            $null = [pscustomobject]@{ RequestId = $job.RequestId; BaseUri = $Trap } | Wait-HHJob -Timeout 30 @net
            $check.Passed, $results.Count
            """,
            ("UseProxy", throughProxy), ("ProxyUri", proxy.Uri), ("Api", api.BaseUri.AbsoluteUri), ("Trap", trap.BaseUri.AbsoluteUri),
            ("Image", imageHost.RootUri.AbsoluteUri.TrimEnd('/') + Image), ("Journal", Path.Combine(_folder, "j.jsonl")), ("Out", _folder));

        Assert.Null(result.Terminating);
        Assert.Equal(new object[] { true, 2 }, result.Output.Select(o => o.BaseObject).ToArray());
        // The two hostile rows, and nothing else, were refused.
        Assert.True(result.Errors.Count == 2, result.ErrorText);
        Assert.All(result.Errors, e => Assert.StartsWith("HappyHorse.UntrustedBaseUri,", e.FullyQualifiedErrorId));
        Assert.Equal(3, Directory.GetFiles(_folder, "*.mp4").Length);

        string bearer = "Bearer " + Token;
        // Each host was used (so the test saw real traffic), and only the API's requests carried the token.
        Assert.NotEmpty(api.Requests);
        Assert.All(api.Requests, r => Assert.Equal(bearer, r.Header("Authorization")));
        Assert.NotEmpty(videoHost.Requests);
        Assert.NotEmpty(imageHost.Requests);
        Assert.Empty(trap.Requests);
        foreach (var r in videoHost.Requests.Concat(imageHost.Requests)) AssertNoToken(r);
        if (throughProxy)
        {
            Assert.Contains(proxy.Requests, r => new Uri(r.Target).Authority == videoHost.Authority);
            Assert.Contains(proxy.Requests, r => new Uri(r.Target).Authority == imageHost.Authority);
            foreach (var r in proxy.Requests)
            {
                if (new Uri(r.Target).Authority == api.Authority) Assert.Equal(bearer, r.Header("Authorization"));
                else AssertNoToken(r);
            }
        }
        else
        {
            Assert.Empty(proxy.Requests);
        }
        Assert.Equal(0, Emulator.Accounting.DownloadsWithAuthorizationHeader);
        Assert.Equal(0, Emulator.Accounting.ImageRequestsWithAuthorizationHeader);
    }

    [Theory]
    [InlineData("Get-HHJobStatus")]
    [InlineData("Get-HHJobResult")]
    [InlineData("Wait-HHJob -Timeout 30")]
    [InlineData("Stop-HHJob")]
    [InlineData("Save-HHVideo -Path $Out")]
    public async Task ABaseUriColumnNeverChoosesWhereTheSessionTokenGoes(string cmdlet)
    {
        await using var trap = LoggingRelay.Trap();
        var result = Run($$"""
            Connect-HHService -Token $Token -BaseUri $BaseUri
            $job = New-HHVideoJob -Prompt 'character1 waves' -ImageUrl https://img.example/a.png
            [pscustomobject]@{ RequestId = $job.RequestId; BaseUri = $Trap } | {{cmdlet}}
            """, ("Trap", trap.BaseUri.AbsoluteUri), ("Out", _folder));

        Assert.Empty(trap.Requests);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.UntrustedBaseUri,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.SecurityError, error.CategoryInfo.Category);
        ApiTest.Mentions(error.ToString(), "BaseUri", trap.BaseUri.AbsoluteUri.TrimEnd('/'), Emulator.BaseUri.AbsoluteUri.TrimEnd('/'));
        Assert.Contains("-BaseUri", error.ErrorDetails.RecommendedAction);
        Assert.IsType<PSObject>(error.TargetObject);
    }

    [Fact]
    public async Task ABaseUriColumnOfACSVRowIsAPerRowErrorAndTheOtherRowsGoOn()
    {
        await using var trap = LoggingRelay.Trap();
        var rows = new[]
        {
            CsvRows.Row(("prompt", "character1 one"), ("image_url_1", "https://img.example/1.png"), ("BaseUri", "")),
            CsvRows.Row(("prompt", "character1 two"), ("image_url_1", "https://img.example/2.png"), ("BaseUri", trap.BaseUri.AbsoluteUri)),
            CsvRows.Row(("prompt", "character1 three"), ("image_url_1", "https://img.example/3.png"), ("BaseUri", Emulator.BaseUri.AbsoluteUri)),
            // Spelt in another case, after a row that had no such column: read from this row's own cells.
            CsvRows.Row(("prompt", "character1 four"), ("image_url_1", "https://img.example/4.png")),
            CsvRows.Row(("prompt", "character1 five"), ("image_url_1", "https://img.example/5.png"), ("baseuri", trap.BaseUri.AbsoluteUri)),
        };
        var result = Run("Connect-HHService -Token $Token -BaseUri $BaseUri; $rows | New-HHVideoJob", ("rows", rows));

        Assert.Empty(trap.Requests);
        Assert.Equal(2, result.Errors.Count);
        var error = result.Errors.Single(e => ReferenceEquals(e.TargetObject, rows[1]));
        Assert.StartsWith("HappyHorse.UntrustedBaseUri,", error.FullyQualifiedErrorId);
        ApiTest.Mentions(error.ToString(), "Row 2", "BaseUri");
        Assert.StartsWith("HappyHorse.UntrustedBaseUri,", result.Errors.Single(e => ReferenceEquals(e.TargetObject, rows[4])).FullyQualifiedErrorId);
        // An empty cell says nothing; a cell naming the API in use agrees with it.
        Assert.Equal(new[] { 1, 3, 4 }, result.Objects<HHVideoJob>().Select(j => j.Index).OrderBy(i => i));
        Assert.Equal(3, Submits);
    }

    [Fact]
    public async Task ADeserializedJobIsDataAndAJobOfThisSessionKeepsItsAPI()
    {
        await using var trap = LoggingRelay.Trap();
        var result = Run("""
            Connect-HHService -Token $Token -BaseUri $Trap
            $job = New-HHVideoJob -Prompt 'character1 waves' -ImageUrl https://img.example/a.png -BaseUri $BaseUri
            # Made in this session: it is followed on the API that took it, whatever the session's default.
            ($job | Wait-HHJob -PollInterval 1 -Timeout 60).Status
            # The same job through Export-Clixml/Import-Clixml is only a claim.
            $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($job))
            $copy | Get-HHJobStatus
            ($copy | Get-HHJobStatus -BaseUri $BaseUri).Status
            """, ("Trap", trap.BaseUri.AbsoluteUri));

        Assert.Empty(trap.Requests);
        Assert.Equal(new object[] { "succeeded", "completed" }, result.Output.Select(o => o.BaseObject).ToArray());
        Assert.StartsWith("HappyHorse.UntrustedBaseUri,", Assert.Single(result.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public async Task AnEditedBaseUriInTheJournalNeverReceivesTheToken()
    {
        await using var trap = LoggingRelay.Trap();
        string journal = Path.Combine(_folder, "edited.jsonl");
        var rows = new[] { CsvRows.Row(("prompt", "character1 waves"), ("image_url_1", "https://img.example/a.png")) };
        Assert.Empty(Run("$rows | New-HHVideoJob -JournalPath $j -Token $Token -BaseUri $BaseUri", ("rows", rows), ("j", journal)).Errors);
        File.WriteAllText(journal, File.ReadAllText(journal).Replace(Emulator.BaseUri.AbsoluteUri.TrimEnd('/'), trap.BaseUri.AbsoluteUri.TrimEnd('/')));

        var rerun = Run("Connect-HHService -Token $Token -BaseUri $BaseUri; $rows | New-HHVideoJob -JournalPath $j", ("rows", rows), ("j", journal));
        var resumed = Run("Resume-HHJob $j | Wait-HHJob -Timeout 30", ("j", journal));

        Assert.Empty(trap.Requests);
        Assert.Equal(1, Submits);
        var error = Assert.Single(rerun.Errors);
        Assert.StartsWith("HappyHorse.UntrustedBaseUri,", error.FullyQualifiedErrorId);
        ApiTest.Mentions(error.ToString(), "base_uri", trap.BaseUri.AbsoluteUri.TrimEnd('/'));
        Assert.Empty(rerun.Output);
        Assert.StartsWith("HappyHorse.UntrustedBaseUri,", Assert.Single(resumed.Errors).FullyQualifiedErrorId);
        Assert.Empty(resumed.Output);
    }

    private static void AssertNoToken(RawRequest request)
    {
        Assert.Null(request.Header("Authorization"));
        Assert.DoesNotContain(Token, request.Target + request.Body + string.Join("\n", request.Headers.Select(h => h.Key + ": " + h.Value)));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
