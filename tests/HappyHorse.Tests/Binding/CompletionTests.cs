using System;
using System.Linq;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Binding;

/// <summary>
/// Tab completion as a console asks for it: CommandCompletion.CompleteInput in the hosted engine.
/// Property completion from [OutputType] needs Get-Member (Microsoft.PowerShell.Utility), which the
/// hosted engine lacks; the Pester tests check it in a real pwsh.
/// </summary>
public class CompletionTests : ModuleTestBase
{
    private const string Submit = "New-HHVideoJob -Prompt 'character1 waves' -ImageUrl https://i.example/a.png -Token $Token -BaseUri $BaseUri";

    private string[] Complete(string input, PsSession? shell = null) =>
        (shell ?? Shell).Complete(input).CompletionMatches.Select(m => m.CompletionText).ToArray();

    [Fact]
    public void RequestIdOffersTheJobsThisSessionSubmittedNewestFirst()
    {
        var first = Run(Submit).Objects<HHVideoJob>().Single().RequestId;
        var second = Run(Submit).Objects<HHVideoJob>().Single().RequestId;

        foreach (var command in new[] { "Get-HHJobStatus", "Get-HHJobResult", "Wait-HHJob", "Stop-HHJob" })
            Assert.Equal(new[] { second, first }, Complete(command + " -RequestId "));
    }

    [Fact]
    public void RequestIdCompletionFiltersByWhatWasTyped()
    {
        var ids = Enumerable.Range(0, 3).Select(_ => Run(Submit).Objects<HHVideoJob>().Single().RequestId).ToList();
        string target = ids[1];
        string prefix = target[..Enumerable.Range(1, target.Length).First(n => ids.Count(i => i.StartsWith(target[..n], StringComparison.OrdinalIgnoreCase)) == 1)];

        Assert.Equal(new[] { target }, Complete("Wait-HHJob -RequestId " + prefix));
        Assert.Equal(new[] { target }, Complete("Wait-HHJob -RequestId '" + prefix));
        Assert.Empty(Complete("Wait-HHJob -RequestId zz-no-such-"));
    }

    [Fact]
    public void IdsReadInThisSessionAreOfferedAndOtherSessionsSeeNone()
    {
        using var other = new PsSession();
        var id = Run(Submit).Objects<HHVideoJob>().Single().RequestId;
        Assert.Empty(Complete("Get-HHJobStatus -RequestId ", other));

        var status = other.Run("Get-HHJobStatus -RequestId $id -Token $t -BaseUri $b",
            new System.Collections.Generic.Dictionary<string, object?> { ["id"] = id, ["t"] = Token, ["b"] = Emulator.BaseUri.AbsoluteUri });
        Assert.Empty(status.Errors);
        Assert.Equal(new[] { id }, Complete("Get-HHJobResult -RequestId ", other));
    }

    [Fact]
    public void EnumParametersCompleteTheSchemaValues()
    {
        Assert.Equal(new[] { "'16:9'", "'9:16'", "'1:1'", "'4:3'", "'3:4'" }, Complete("New-HHVideoJob -AspectRatio "));
        Assert.Equal(new[] { "'1080P'" }, Complete("New-HHVideoJob -Resolution 10"));
    }
}
