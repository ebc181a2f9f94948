using System.Linq;
using HappyHorse.Emulator;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands.NewHHVideoJob;

/// <summary>New-HHVideoJob -ThrottleLimit: several submits on the wire at once, never more than the limit.</summary>
public class ConcurrentSubmitTests : ModuleTestBase
{
    protected override void Configure(EmulatorOptions options) => options.Faults.SetLatency(EmulatorEndpoint.Submit, 150);

    private static PsObjectRows Rows(int count) => new(Enumerable.Range(1, count)
        .Select(i => CsvRows.Row(("name", "row" + i), ("prompt", "character1 scene " + i), ("image_url_1", "https://img.example/" + i + ".png")))
        .ToArray());

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    public void SubmitsOverlapUpToTheThrottleLimitAndEveryRowComesOutOnce(int limit)
    {
        var rows = Rows(16);
        var result = Run("$rows | New-HHVideoJob -ThrottleLimit $limit -Token $Token -BaseUri $BaseUri", ("rows", rows.Items), ("limit", limit));

        Assert.True(result.Errors.Count == 0, result.ErrorText);
        var jobs = result.Objects<HHVideoJob>().ToList();
        Assert.Equal(Enumerable.Range(1, 16), jobs.Select(j => j.Index).OrderBy(i => i));
        Assert.All(jobs, j => Assert.Equal("row" + j.Index, j.InputObject!.Properties["name"].Value));
        Assert.Equal(16, Emulator.Accounting.AcceptedSubmissions);
        Assert.Equal(0, Emulator.Accounting.DuplicateSubmissions);
        Assert.True(Emulator.Accounting.PeakConcurrentRequests <= limit, $"peak {Emulator.Accounting.PeakConcurrentRequests} > limit {limit}");
        if (limit > 1) Assert.True(Emulator.Accounting.PeakConcurrentRequests > 1, "submits never overlapped");
    }

    [Fact]
    public void ABadRowAmongConcurrentSubmitsIsItsOwnErrorAndTheOthersGo()
    {
        var rows = Rows(6).Items.ToList();
        rows.Insert(3, CsvRows.Row(("name", "bad"), ("prompt", "character1"), ("image_url_1", "http://not-https.example/x.png")));
        var result = Run("$rows | New-HHVideoJob -ThrottleLimit 4 -Token $Token -BaseUri $BaseUri", ("rows", rows.ToArray()));

        var error = Assert.Single(result.Errors);
        Assert.Contains("Row 4", error.ToString());
        Assert.Equal(new[] { 1, 2, 3, 5, 6, 7 }, result.Objects<HHVideoJob>().Select(j => j.Index).OrderBy(i => i));
        Assert.Equal(6, Emulator.Accounting.AcceptedSubmissions);
    }

    [Fact]
    public void WaitStartsOnEarlyJobsWhileLaterRowsAreStillBeingSubmitted()
    {
        var rows = Rows(40);
        System.Func<long> accepted = () => Emulator.Accounting.AcceptedSubmissions;
        // 40 rows, 2 submits in flight, 150 ms each: about 3 s of submitting; a job takes ~1 s to be polled and finish.
        var result = Run("""
            $rows | New-HHVideoJob -ThrottleLimit 2 -Token $Token -BaseUri $BaseUri | Wait-HHJob -PollInterval 1 |
                ForEach-Object { [pscustomobject]@{ Result = $_; AcceptedSoFar = $accepted.Invoke() } }
            """, ("rows", rows.Items), ("accepted", accepted));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        var seen = result.Output.Select(o => (long)o.Properties["AcceptedSoFar"].Value).ToList();
        Assert.Equal(40, seen.Count);
        Assert.True(seen[0] < 40, $"the first result came out only after all 40 submits ({seen[0]} accepted by then)");
    }

    public sealed record PsObjectRows(System.Management.Automation.PSObject[] Items);
}
