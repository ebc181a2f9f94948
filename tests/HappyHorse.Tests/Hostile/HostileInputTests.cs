using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests.Hostile;

/// <summary>
/// The hostile CSV corpus through the real cmdlet: each bad row is exactly one non-terminating
/// InvalidInput error that names the field, the value and what is allowed, and nothing is sent.
/// </summary>
public class HostileInputTests : ModuleTestBase
{
    [Theory]
    [MemberData(nameof(HostileRows.Names), MemberType = typeof(HostileRows))]
    public void AHostileRowIsOneClearErrorAndNothingIsSent(string name)
    {
        var bad = HostileRows.Named(name);
        var row = bad.ToRow();

        var result = Run("$row | New-HHVideoJob -Token $Token -BaseUri $BaseUri", ("row", row));

        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.InvalidInput", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Same(row, error.TargetObject);
        string message = error.ToString();
        Assert.True(message.Length < 2000, $"message of {message.Length} characters");
        foreach (string part in new[] { bad.Field, bad.Value, bad.Allowed })
            Assert.True(message.Contains(part, StringComparison.Ordinal), $"'{Show(part)}' not in: {Show(message)}");
        Assert.Equal(0, Submits);
    }

    [Fact]
    public void ControlCharactersAreNeverEchoedRawIntoAnError()
    {
        foreach (var bad in HostileRows.All.Where(r => r.Cells.Any(c => c.Value.Any(char.IsControl))))
        {
            var result = Run("$row | New-HHVideoJob -Token $Token -BaseUri $BaseUri", ("row", bad.ToRow()));
            string message = Assert.Single(result.Errors).ToString();
            Assert.False(message.Any(c => char.IsControl(c) && c != '\n'), $"{bad.Name}: {Show(message)}");
        }
        Assert.Equal(0, Submits);
    }

    [Fact]
    public void APasswordInAnImageURLIsNotRepeatedInTheError()
    {
        var result = Run("$row | New-HHVideoJob -Token $Token -BaseUri $BaseUri", ("row", HostileRows.Named("image URL with user and password").ToRow()));
        Assert.DoesNotContain("s3cr3tpw", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void TenImagesThroughImageUrlAreOneClearError()
    {
        var result = Run("New-HHVideoJob -Prompt 'character1 smiles' -ImageUrl (1..10 | ForEach-Object { \"https://img.example/$_.png\" }) -Token $Token -BaseUri $BaseUri");
        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("HappyHorse.InvalidInput", error.FullyQualifiedErrorId);
        ApiMentions(error.ToString(), "image_url_10", "https://img.example/10.png", "at most 9");
        Assert.Equal(0, Submits);
    }

    [Fact]
    public void ARowWithoutAPromptColumnIsOneErrorNamingPromptAndNothingIsSent()
    {
        // The binder refuses the row before the cmdlet sees it (Prompt is mandatory), so the id is the engine's.
        var row = CsvRows.Row(("image_url_1", HostileRows.Good), ("duration", "5"));
        var result = Run("$row | New-HHVideoJob -Token $Token -BaseUri $BaseUri", ("row", row));
        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        Assert.Contains("Prompt", Assert.Single(result.Errors).ToString());
        Assert.Equal(0, Submits);
    }

    [Fact]
    public void UnknownColumnsAreIgnoredAndNeverSent()
    {
        var row = CsvRows.Row(("prompt", "character1 smiles"), ("image_url_1", HostileRows.Good), ("duration", "4"),
            ("notes", "do not send me"), ("image_url_10", ""), ("image_url_10_label", "x"), ("Prompt_Old", "older text"), ("H", "headerless"));
        var result = Run("$row | New-HHVideoJob -Token $Token -BaseUri $BaseUri", ("row", row));

        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Single(result.Objects<HHVideoJob>());
        Assert.Equal(1, Submits);
        using var body = JsonDocument.Parse(Assert.Single(Emulator.SubmittedBodies));
        Assert.Equal(new[] { "prompt", "image_url_1", "duration" }, body.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.DoesNotContain("do not send me", Emulator.SubmittedBodies[0]);
    }

    [Fact]
    public void APromptOfExactly2500ChineseOr5000OtherCharactersIsAccepted()
    {
        var rows = new[]
        {
            CsvRows.Row(("prompt", new string('\u9A6C', 2500)), ("image_url_1", HostileRows.Good)),
            CsvRows.Row(("prompt", new string('a', 5000)), ("image_url_1", HostileRows.Good)),
            CsvRows.Row(("prompt", "character1 \uD83D\uDE00 smiles"), ("image_url_1", HostileRows.Good)),
        };
        var result = Run("$rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri", ("rows", rows));
        Assert.True(result.Errors.Count == 0, result.ErrorText);
        Assert.Equal(3, result.Objects<HHVideoJob>().Count());
        Assert.Equal(3, Submits);
    }

    [Fact]
    public void ABatchOfEveryHostileRowAndThreeGoodOnesSubmitsExactlyTheGoodOnes()
    {
        var bad = HostileRows.All.ToList();
        var rows = new List<PSObject>();
        var goodAt = new List<int>();
        var badAt = new Dictionary<int, (HostileRow Case, PSObject Row)>();
        for (int i = 0; i < bad.Count; i++)
        {
            // Good rows first, in the middle and last: errors must not shift what comes after them.
            if (i == 0 || i == bad.Count / 2) AddGood();
            var row = bad[i].ToRow();
            rows.Add(row);
            badAt[rows.Count] = (bad[i], row);
        }
        AddGood();

        var result = Run("$rows | New-HHVideoJob -Token $Token -BaseUri $BaseUri", ("rows", rows.ToArray()));

        Assert.Null(result.Terminating);
        Assert.Equal(3, Submits);
        Assert.Equal(goodAt, result.Objects<HHVideoJob>().Select(j => j.Index).OrderBy(i => i).ToList());
        Assert.Equal(bad.Count, result.Errors.Count);
        foreach (var error in result.Errors)
        {
            var (index, entry) = badAt.Single(pair => ReferenceEquals(pair.Value.Row, error.TargetObject));
            Assert.StartsWith("HappyHorse.InvalidInput", error.FullyQualifiedErrorId);
            Assert.StartsWith($"Row {index} was not submitted", error.ToString());
            Assert.Contains(entry.Case.Field, error.ToString());
        }

        void AddGood()
        {
            rows.Add(CsvRows.Row(("prompt", $"character1 good row {goodAt.Count + 1}"), ("image_url_1", HostileRows.Good)));
            goodAt.Add(rows.Count);
        }
    }

    private static void ApiMentions(string message, params string[] parts)
    {
        foreach (string part in parts) Assert.True(message.Contains(part, StringComparison.Ordinal), $"'{part}' not in: {Show(message)}");
    }

    /// <summary>Failure text readable in a log: control characters spelled out, huge values cut.</summary>
    private static string Show(string text)
    {
        string visible = string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
        return visible.Length <= 400 ? visible : visible.Substring(0, 400) + "…";
    }
}
