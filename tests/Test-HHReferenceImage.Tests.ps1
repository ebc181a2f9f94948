BeforeAll {
    # The emulator doubles as a third-party image host: /images/<name>?w=&h=&format=&size=&status=&auth=
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1'); Initialize-HHTestFile

    function Get-HHTestImageUrl([string]$Name, [string]$Query = '') {
        $url = "$($emulator.RootUri)/images/$Name"
        if ($Query) { $url += "?$Query" }
        $url
    }

    # An image host that answers each request after a delay: /hop/N redirects to /hop/N-1, /hop/0
    # to the final URL. Counts the requests it read.
    if (-not ('HHTestSlowRedirectHost' -as [type])) {
        Add-Type -TypeDefinition @'
using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

public sealed class HHTestSlowRedirectHost : IDisposable
{
    private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new CancellationTokenSource();
    private readonly int _delayMs;
    private readonly string _final;
    private int _requests;

    public HHTestSlowRedirectHost(int delayMs, string final)
    {
        _delayMs = delayMs;
        _final = final;
        _listener.Start();
        Root = "http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/";
        _ = AcceptAsync();
    }

    public string Root { get; }
    public int Requests => Volatile.Read(ref _requests);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(); }
            catch (Exception) { return; }
            _ = AnswerAsync(client);
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = new StringBuilder();
                var buffer = new byte[4096];
                while (!head.ToString().Contains("\r\n\r\n"))
                {
                    int n = await stream.ReadAsync(buffer, 0, buffer.Length, _stop.Token);
                    if (n == 0) return;
                    head.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }
                Interlocked.Increment(ref _requests);
                string path = head.ToString().Split(' ')[1];
                int hop = int.Parse(path.Substring(path.LastIndexOf('/') + 1));
                await Task.Delay(_delayMs, _stop.Token);
                string location = hop > 0 ? "/hop/" + (hop - 1) : _final;
                byte[] answer = Encoding.ASCII.GetBytes("HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(answer, 0, answer.Length, _stop.Token);
            }
            catch (Exception) { }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
'@
    }
}

AfterAll {
    Complete-HHTestFile
}

Describe 'Test-HHReferenceImage' {
    It 'passes good PNG, JPEG and WEBP images and reads their format and size' {
        $urls = (Get-HHTestImageUrl 'a.png' 'w=1280&h=720'), (Get-HHTestImageUrl 'b.jpg' 'w=400&h=400'), (Get-HHTestImageUrl 'c.webp' 'w=720&h=1280')

        $checks = @(Test-HHReferenceImage -Url $urls -ErrorVariable bad)

        $bad | Should -BeNullOrEmpty
        $checks.Url | Should -Be $urls
        $checks[0] | Should -BeOfType ([HappyHorse.HHImageCheck])
        $checks.Passed | Sort-Object -Unique | Should -BeTrue
        $checks.Format | Should -Be @('PNG', 'JPEG', 'WEBP')
        $checks.Width | Should -Be @(1280, 400, 720)
        $checks.Height | Should -Be @(720, 400, 1280)
    }

    It 'reports each broken rule with its row and column, as HappyHorse.ReferenceImage.<Rule>' {
        $good = Get-HHTestImageUrl 'good.png'
        $cases = @(
            @{ Url = (Get-HHTestImageUrl 'lying.jpg' 'format=gif'); Rule = 'Format' }
            @{ Url = (Get-HHTestImageUrl 'tall.png' 'w=300&h=900'); Rule = 'MinShortSide' }
            @{ Url = (Get-HHTestImageUrl 'huge.jpg' "size=$(11 * 1024 * 1024)"); Rule = 'MaxSize' }
            @{ Url = (Get-HHTestImageUrl 'gone.webp' 'status=404'); Rule = 'Reachable' }
            @{ Url = (Get-HHTestImageUrl 'private.png' 'auth=basic'); Rule = 'Anonymous' }
        )
        $rows = $cases | ForEach-Object { [pscustomobject]@{ prompt = 'character1 and character2'; image_url_1 = $good; image_url_2 = $_.Url } }

        $checks = @($rows | Test-HHReferenceImage -ErrorVariable bad -ErrorAction SilentlyContinue)

        $checks.Count | Should -Be (2 * $cases.Count)
        for ($i = 0; $i -lt $cases.Count; $i++) {
            $first = $checks[2 * $i]
            $second = $checks[2 * $i + 1]
            $first.Row, $first.Field, $first.Passed | Should -Be @(($i + 1), 'image_url_1', $true)
            $second.Row, $second.Field, $second.Passed | Should -Be @(($i + 1), 'image_url_2', $false)
            $second.FailedRules | Should -Match $cases[$i].Rule
        }
        $bad.Count | Should -Be $cases.Count
        $bad.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] } |
            Should -Be ($cases | ForEach-Object { "HappyHorse.ReferenceImage.$($_.Rule)" })
        $bad[0].Exception.Message | Should -Match 'Row 1, image_url_2'
    }

    It 'fetches a URL used many times once, reads only its first bytes, and sends no credentials' {
        $big = Get-HHTestImageUrl 'big.png' "size=$(9 * 1024 * 1024)"
        $before = Get-HHTestEmulatorStats $emulator

        $checks = @(1..20 | ForEach-Object { $big } | Test-HHReferenceImage -ThrottleLimit 4)

        $after = Get-HHTestEmulatorStats $emulator
        $checks.Count | Should -Be 20
        $checks.Passed | Sort-Object -Unique | Should -BeTrue
        $checks[0].Bytes | Should -Be (9 * 1024 * 1024)
        $after.requests.image - $before.requests.image | Should -Be 1
        $after.image_bytes_sent - $before.image_bytes_sent | Should -BeLessThan (1024 * 1024)
        $after.images_with_authorization_header | Should -Be 0
    }

    It 'says HappyHorse.ReferenceImage.NoUrl for a row without any image URL' {
        $rows = [pscustomobject]@{ prompt = 'character1 alone'; image_url_1 = '' }

        $checks = @($rows | Test-HHReferenceImage -ErrorVariable bad -ErrorAction SilentlyContinue)

        $checks | Should -BeNullOrEmpty
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.ReferenceImage.NoUrl*'
    }

    It 'fetches the images through -Proxy, as the API cmdlets send their calls' {
        # The host name does not resolve: only a proxy can fetch it. The emulator reads the
        # proxy's absolute-URI request (GET http://host/images/... HTTP/1.1) and serves the image.
        $url = 'http://images.hh-proxy-test.invalid/images/via-proxy.png?w=800&h=600'
        $before = Get-HHTestEmulatorStats $emulator

        $check = Test-HHReferenceImage -Url $url -Proxy $emulator.RootUri -ErrorVariable bad

        $bad | Should -BeNullOrEmpty
        $check.Passed | Should -BeTrue
        $check.Width, $check.Height | Should -Be @(800, 600)
        (Get-HHTestEmulatorStats $emulator).requests.image - $before.requests.image | Should -Be 1
    }

    It 'takes -TimeoutSec as the time of each HTTP request, not of the whole check' {
        # Four redirects, each answered after a second: four seconds in all, none over -TimeoutSec 3.
        $final = Get-HHTestImageUrl 'after-redirects.png' 'w=640&h=480'
        $slow = [HHTestSlowRedirectHost]::new(1000, $final)
        try {
            $check = Test-HHReferenceImage -Url "$($slow.Root)hop/3" -TimeoutSec 3 -ErrorVariable bad

            $bad | Should -BeNullOrEmpty
            $check.Passed | Should -BeTrue
            $check.FinalUrl | Should -Be $final
            $slow.Requests | Should -Be 4
        }
        finally { $slow.Dispose() }
    }

    It 'fails the Reachable rule when one request takes longer than -TimeoutSec' {
        $slow = [HHTestSlowRedirectHost]::new(30000, (Get-HHTestImageUrl 'never.png'))
        try {
            $check = Test-HHReferenceImage -Url "$($slow.Root)hop/0" -TimeoutSec 1 -ErrorVariable bad -ErrorAction SilentlyContinue

            $check.Passed | Should -BeFalse
            $check.FailedRules | Should -Be 'Reachable'
            $bad[0].FullyQualifiedErrorId | Should -BeLike 'HappyHorse.ReferenceImage.Reachable*'
            $bad[0].Exception.Message | Should -Match 'did not answer within 1 s'
        }
        finally { $slow.Dispose() }
    }

    It 'has the network parameters of every cmdlet that makes HTTP calls, and no -Token or -BaseUri' {
        $parameters = (Get-Command Test-HHReferenceImage).Parameters
        $parameters['Proxy'].ParameterType | Should -Be ([uri])
        $parameters['ProxyCredential'].ParameterType | Should -Be ([pscredential])
        $parameters['TimeoutSec'].ParameterType | Should -Be ([int])
        $parameters.ContainsKey('Token') | Should -BeFalse
        $parameters.ContainsKey('BaseUri') | Should -BeFalse
    }

    It 'has help with examples' {
        $help = Get-Help Test-HHReferenceImage -Full
        $help.Synopsis | Should -Match 'reference image'
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }
}
