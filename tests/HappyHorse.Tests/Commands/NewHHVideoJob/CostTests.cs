using System.Linq;
using HappyHorse.Emulator;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands.NewHHVideoJob;

/// <summary>Know before you pay: estimates from the catalog price, the -MaxTotalCost guard, actual cost on results.</summary>
public class CostTests : ModuleTestBase
{
    protected override void Configure(EmulatorOptions options) => options.BasePriceUsd = 0.2m;

    private static System.Management.Automation.PSObject[] Rows(params string[] durations) => durations
        .Select((d, i) => CsvRows.Row(("prompt", $"character1 costed scene {i + 1}"), ("image_url_1", $"https://img.example/{i + 1}.png"), ("duration", d)))
        .ToArray();

    [Fact]
    public void WhatIfShowsEachRowsEstimateAndTheRunningTotalFromTheCatalogPrice()
    {
        var result = Run("$rows | New-HHVideoJob -WhatIf -Token $Token -BaseUri $BaseUri", ("rows", Rows("7", "", "15")));
        Assert.Empty(result.Errors);
        Assert.Equal(0, Submits);
        string shown = Shell.Host.Text;
        // 0.20 USD per second: 7 s, the default 5 s, 15 s.
        Assert.Contains("Estimated cost $1.40, running total $1.40.", shown);
        Assert.Contains("Estimated cost $1.00, running total $2.40.", shown);
        Assert.Contains("Estimated cost $3.00, running total $5.40.", shown);
    }

    [Fact]
    public void ThePriceIsReadOncePerModelPerSession()
    {
        Run("$rows | New-HHVideoJob -WhatIf -Token $Token -BaseUri $BaseUri", ("rows", Rows("3", "4")));
        Run("$rows | New-HHVideoJob -WhatIf -Token $Token -BaseUri $BaseUri", ("rows", Rows("5")));
        Assert.Equal(1, Emulator.Accounting.RequestCount(EmulatorEndpoint.Catalog));

        using var other = new PsSession();
        other.Run("$rows | New-HHVideoJob -WhatIf -Token $Token -BaseUri $BaseUri",
            new System.Collections.Generic.Dictionary<string, object?> { ["rows"] = Rows("5"), ["Token"] = Token, ["BaseUri"] = Emulator.BaseUri.AbsoluteUri });
        Assert.Equal(2, Emulator.Accounting.RequestCount(EmulatorEndpoint.Catalog));
    }

    [Fact]
    public void TheBudgetStopsTheBatchAtTheFirstRowItCannotAfford()
    {
        // $1.00 each: three rows fit in $3.50, the fourth would make $4.00.
        var result = Run("$rows | New-HHVideoJob -MaxTotalCost 3.5 -Token $Token -BaseUri $BaseUri", ("rows", Rows("5", "5", "5", "5", "5")));

        Assert.Equal(3, Emulator.Accounting.AcceptedSubmissions);
        Assert.Equal(new[] { 1, 2, 3 }, result.Objects<HHVideoJob>().Select(j => j.Index).OrderBy(i => i));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.BudgetExceeded", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Contains("Stopped at row 4", error.ToString());
        Assert.Contains("$4.00", error.ToString());
        Assert.Contains("row 4 and every later row were not submitted", error.ToString());
    }

    [Fact]
    public void ABudgetThatFitsEveryRowChangesNothing()
    {
        var result = Run("$rows | New-HHVideoJob -MaxTotalCost 3 -Token $Token -BaseUri $BaseUri", ("rows", Rows("3", "5", "7")));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Equal(3, Emulator.Accounting.AcceptedSubmissions);
    }

    [Fact]
    public void ResultsCarryTheActualCostWhenAskedFor()
    {
        var result = Run("$rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri | Wait-HHJob -IncludeCost -PollInterval 1", ("rows", Rows("6")));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        var cost = Assert.Single(result.Objects<HHJobResult>()).Cost;
        Assert.NotNull(cost);
        Assert.Equal(1.2, cost!.Value, 6);
    }
}
