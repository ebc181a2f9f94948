using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Text;
using System.Threading.Tasks;
using HappyHorse.Api;
using HappyHorse.Emulator;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Network;

/// <summary>Corporate networks: an explicit proxy, its credentials (never shown), and a per-request timeout.</summary>
public class ProxyTests : ModuleTestBase
{
    private const string User = "alice";
    private const string Password = "Pa55-w0rd-7f3e";
    private const string Submit = "New-HHVideoJob -Prompt 'character1 waves' -ImageUrl https://img.example/a.png -Token $Token -BaseUri $BaseUri";

    [Fact]
    public async Task CallsGoThroughTheGivenProxyAsAbsoluteURIRequests()
    {
        await using var proxy = new ForwardProxy();
        var result = Run(Submit + " -Proxy $P | Wait-HHJob -PollInterval 1 -Timeout 60 -Proxy $P", ("P", proxy.Uri));

        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Single(result.Objects<HHJobResult>());
        Assert.Equal(1, Submits);
        string api = Emulator.BaseUri.AbsoluteUri.TrimEnd('/');
        Assert.Contains(proxy.Requests, r => r.Method == "POST" && r.Target == api + "/models/happyhorse/happyhorse-1.0/reference-to-video");
        Assert.Contains(proxy.Requests, r => r.Method == "GET" && r.Target.StartsWith(api + "/requests/", StringComparison.Ordinal) && r.Target.EndsWith("/status", StringComparison.Ordinal));
        Assert.All(proxy.Requests, r => Assert.Null(r.Header("Proxy-Authorization")));
        Assert.Equal(Emulator.Accounting.RequestCount(EmulatorEndpoint.Submit) + Emulator.Accounting.RequestCount(EmulatorEndpoint.Status)
            + Emulator.Accounting.RequestCount(EmulatorEndpoint.Result), proxy.Requests.Count);
    }

    [Fact]
    public async Task SaveHHVideoFetchesTheVideoThroughTheGivenProxyToo()
    {
        await using var proxy = new ForwardProxy();
        string folder = System.IO.Directory.CreateTempSubdirectory("hh-proxy-save-").FullName;
        try
        {
            var result = Run(Submit + " | Wait-HHJob -PollInterval 1 -Timeout 60 | Save-HHVideo -Path $out -Proxy $P", ("P", proxy.Uri), ("out", folder));
            Assert.True(result.Errors.Count == 0, result.ErrorText);
            Assert.Single(result.Output);
            Assert.Contains(proxy.Requests, r => r.Method == "GET" && r.Target.StartsWith(Emulator.RootUri.AbsoluteUri.TrimEnd('/') + "/files/", StringComparison.Ordinal));
            Assert.All(proxy.Requests, r => Assert.Null(r.Header("Authorization")));
        }
        finally
        {
            System.IO.Directory.Delete(folder, true);
        }
    }

    [Fact]
    public async Task PreflightChecksReferenceImagesThroughTheGivenProxy()
    {
        await using var proxy = new ForwardProxy();
        string image = Emulator.RootUri.AbsoluteUri.TrimEnd('/') + "/images/p.png?w=800&h=600";
        var result = Run("New-HHVideoJob -Prompt 'character1 waves' -ImageUrl $I -Preflight -Proxy $P -Token $Token -BaseUri $BaseUri",
            ("P", proxy.Uri), ("I", image));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Single(result.Objects<HHVideoJob>());
        Assert.Contains(proxy.Requests, r => r.Method == "GET" && r.Target == image);
        Assert.All(proxy.Requests.Where(r => r.Target.Contains("/images/", StringComparison.Ordinal)), r => Assert.Null(r.Header("Authorization")));
    }

    [Fact]
    public async Task ProxyCredentialAnswersTheProxyChallengeAndThePasswordIsNeverShown()
    {
        await using var proxy = new ForwardProxy(User, Password);
        var result = Run(Submit + " -Proxy $P -ProxyCredential $C -Verbose", ("P", proxy.Uri), ("C", Credential(User, Password)));

        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Single(result.Objects<HHVideoJob>());
        Assert.Equal(1, Submits);
        string expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(User + ":" + Password));
        Assert.Contains(proxy.Requests, r => r.Header("Proxy-Authorization") == expected);
        Assert.Contains(result.Verbose, v => v.Contains("proxy " + proxy.Uri.GetLeftPart(UriPartial.Authority) + " as alice", StringComparison.Ordinal));
        Assert.DoesNotContain(Password, result.AllText() + Shell.Host.Text);
    }

    [Fact]
    public async Task CredentialsInTheProxyURLAreUsedAndNeverShown()
    {
        await using var proxy = new ForwardProxy(User, Password);
        var withLogin = new UriBuilder(proxy.Uri) { UserName = User, Password = Password }.Uri;
        var result = Run("Get-HHJobStatus -RequestId nope -Proxy $P -Verbose -Token $Token -BaseUri $BaseUri", ("P", withLogin));

        // The emulator's 404001 came back through the proxy: the login worked.
        Assert.StartsWith("HappyHorse.GetStatus.NotFound,", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Contains(proxy.Requests, r => r.Header("Proxy-Authorization") != null);
        Assert.DoesNotContain(Password, result.AllText() + Shell.Host.Text);
    }

    [Fact]
    public async Task ARefusedProxyLoginIsAClearErrorThatHidesThePassword()
    {
        await using var proxy = new ForwardProxy(User, Password);
        var result = Run(Submit + " -Proxy $P -ProxyCredential $C", ("P", proxy.Uri), ("C", Credential(User, "wrong-" + Password)));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.Submit.ProxyAuthentication,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        ApiTest.Mentions(error.ToString(), "proxy", "407");
        Assert.Contains("-ProxyCredential", error.ErrorDetails.RecommendedAction);
        Assert.DoesNotContain(Password, result.AllText());
        Assert.Equal(0, Submits);
    }

    [Theory]
    [InlineData("ftp://proxy.corp.example:21")]
    [InlineData("socks5://bob:hunter2-secret@proxy.corp.example:1080")]
    public void AProxyThatIsNotHttpIsRefusedBeforeAnythingIsSent(string proxy)
    {
        var result = Run(Submit + " -Proxy $P", ("P", proxy));

        // A cmdlet's terminating error ends its statement; the hosted script records it in the error stream.
        var error = Assert.Single(result.Errors);
        Assert.Empty(result.Output);
        Assert.StartsWith("HappyHorse.InvalidProxy", error.FullyQualifiedErrorId);
        ApiTest.Mentions(error.ToString(), "http://", "proxy.corp.example");
        Assert.DoesNotContain("hunter2", result.AllText());
        Assert.Equal(0, Submits);
    }

    [Fact]
    public async Task TimeoutSecBoundsOneRequestAgainstAServerThatGoesSilent()
    {
        await using var raw = RawHttpServer.Start(RawAnswer.HeadersThenHang());
        var result = Run("New-HHVideoJob -Prompt 'character1 waves' -ImageUrl https://img.example/a.png -TimeoutSec 1 -Token $Token -BaseUri $Raw", ("Raw", raw.BaseUri.AbsoluteUri));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.Submit.OutcomeUnknown,", error.FullyQualifiedErrorId);
        ApiTest.Mentions(error.ToString(), "timed out", "not sent again");
        Assert.Single(raw.Requests);
        Assert.InRange(result.Elapsed.TotalSeconds, 0.9, 10);
    }

    [Theory]
    [InlineData("New-HHVideoJob")]
    [InlineData("Get-HHJobStatus")]
    [InlineData("Get-HHJobResult")]
    [InlineData("Wait-HHJob")]
    [InlineData("Stop-HHJob")]
    public void EveryAPICmdletTakesTheNetworkParameters(string cmdlet)
    {
        var result = Run($"$p = (Get-Command {cmdlet}).Parameters; $p['Proxy'].ParameterType.Name, $p['ProxyCredential'].ParameterType.Name, $p['TimeoutSec'].ParameterType.Name");
        Assert.Equal(new[] { "Uri", "PSCredential", "Int32" }, result.Output.Select(o => o.ToString()).ToArray());
    }

    [Fact]
    public void TheDefaultClientUsesTheSystemProxyAndNeverFollowsRedirects()
    {
        using var handler = SharedHttpClient.CreateHandler(null);
        Assert.True(handler.UseProxy);
        Assert.Null(handler.Proxy);
        Assert.Same(CredentialCache.DefaultCredentials, handler.DefaultProxyCredentials);
        Assert.False(handler.AllowAutoRedirect);
    }

    [Fact]
    public void AnExplicitProxyGetsItsOwnHandlerWithTheCredentialAndNoRedirects()
    {
        var settings = new ProxySettings(new Uri("http://proxy.corp.example:8080"), "CORP\\alice", Secure(Password));
        using var handler = SharedHttpClient.CreateHandler(settings);
        var proxy = Assert.IsType<WebProxy>(handler.Proxy);
        Assert.Equal(new Uri("http://proxy.corp.example:8080"), proxy.Address);
        var credential = Assert.IsType<NetworkCredential>(proxy.Credentials);
        Assert.Equal(("alice", "CORP"), (credential.UserName, credential.Domain));
        Assert.False(handler.AllowAutoRedirect);
        Assert.NotSame(SharedHttpClient.Client, SharedHttpClient.For(settings));
        Assert.Same(SharedHttpClient.For(settings), SharedHttpClient.For(new ProxySettings(new Uri("http://proxy.corp.example:8080"), "CORP\\alice", Secure(Password))));
        Assert.NotSame(SharedHttpClient.For(settings), SharedHttpClient.For(new ProxySettings(new Uri("http://proxy.corp.example:8080"), "CORP\\alice", Secure("other"))));
        Assert.DoesNotContain(Password, settings.ToString() + settings.Key);
    }

    [Theory]
    [InlineData(SecurityProtocolType.Tls, true, SecurityProtocolType.Tls | SecurityProtocolType.Tls12 | (SecurityProtocolType)12288)]
    [InlineData(SecurityProtocolType.Tls | SecurityProtocolType.Tls11, false, SecurityProtocolType.Tls | SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12)]
    [InlineData((SecurityProtocolType)0, true, (SecurityProtocolType)0)]
    public void OldFrameworkTLSDefaultsGainTLS12And13ButSystemDefaultIsKept(SecurityProtocolType current, bool withTls13, SecurityProtocolType expected)
    {
        Assert.Equal(expected, TlsSetup.Upgrade(current, withTls13));
    }

    [Fact]
    public void OnModernDotnetTheProcessTLSSettingIsLeftAlone()
    {
#pragma warning disable SYSLIB0014 // the very setting Windows PowerShell 5.1 needs, read here to prove it is untouched

        Assert.False(TlsSetup.IsNetFramework);
        var before = ServicePointManager.SecurityProtocol;
        TlsSetup.EnsureModernTls();
        Assert.Equal(before, ServicePointManager.SecurityProtocol);
#pragma warning restore SYSLIB0014
    }

    private static PSCredential Credential(string user, string password) => new(user, Secure(password));

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (char c in text) secure.AppendChar(c);
        secure.MakeReadOnly();
        return secure;
    }
}
