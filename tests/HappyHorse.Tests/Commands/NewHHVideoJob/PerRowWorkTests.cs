using System.Linq;
using HappyHorse.Input;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Commands.NewHHVideoJob;

/// <summary>The counters are process-wide: these tests run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(PerRowWorkCollection), DisableParallelization = true)]
public sealed class PerRowWorkCollection
{
}

/// <summary>
/// Per-row texts only -WhatIf, -Confirm or -Verbose show (the indented body, the ShouldProcess
/// messages, verbose lines) are not built when nothing asked for them: the submit's CPU floor.
/// </summary>
[Collection(nameof(PerRowWorkCollection))]
public class PerRowWorkTests : ModuleTestBase
{
    private static System.Management.Automation.PSObject[] Rows(int count) => Enumerable.Range(1, count)
        .Select(i => CsvRows.Row(("prompt", "character1 scene " + i), ("image_url_1", "https://img.example/" + i + ".png"), ("seed", "")))
        .ToArray();

    [Fact]
    public void APlainSubmitBuildsNoIndentedBodyNoShouldProcessTextAndNoVerboseLine()
    {
        long bodies = PerRowWork.IndentedBodies, texts = PerRowWork.ConfirmTexts;
        var result = Run("$rows | New-HHVideoJob -ThrottleLimit 4 -Token $Token -BaseUri $BaseUri", ("rows", Rows(12)));

        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Equal(12, result.Objects<HHVideoJob>().Count());
        Assert.Equal(0, PerRowWork.IndentedBodies - bodies);
        Assert.Equal(0, PerRowWork.ConfirmTexts - texts);
    }

    [Theory]
    [InlineData("", "-WhatIf")]
    [InlineData("", "-Verbose")]
    [InlineData("", "-Confirm:$false -Verbose")]
    [InlineData("", "-Verbose:$false -WhatIf")]
    [InlineData("$VerbosePreference = 'Continue';", "")]
    [InlineData("$WhatIfPreference = $true;", "-Verbose:$false")]
    public void WhatShowsThemStillGetsThem(string setup, string switches)
    {
        long bodies = PerRowWork.IndentedBodies, texts = PerRowWork.ConfirmTexts;
        var result = Run($"{setup} $rows | New-HHVideoJob {switches} -Token $Token -BaseUri $BaseUri", ("rows", Rows(3)));

        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Equal(3, PerRowWork.IndentedBodies - bodies);
        Assert.Equal(3, PerRowWork.ConfirmTexts - texts);
        if (!(setup + switches).Contains("WhatIf"))
        {
            // ShouldProcess echoes its description for -Verbose only, not for $VerbosePreference.
            if (switches.Contains("-Verbose")) Assert.Contains(result.Verbose, v => v.Contains("\"prompt\": \"character1 scene 2\""));
            Assert.Contains(result.Verbose, v => v.StartsWith("Row 3: accepted as "));
        }
        else
        {
            Assert.Contains("\"prompt\": \"character1 scene 2\"", Shell.Host.Text);
            Assert.Equal(0, Submits);
        }
    }
}
