using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using HappyHorse.Api;
using HappyHorse.Binding;
using HappyHorse.Commands;
using HappyHorse.Waiting;
using Xunit;

namespace HappyHorse.Tests.Commands.WaitHHJob;

/// <summary>
/// Issue 15: what ten thousand awaited jobs keep. A row is read without PowerShell attaching its
/// reserved members to it (psbase, psadapted, psextended, psobject, pstypenames: 1.2 KB per row),
/// and reading it that way gives exactly what the public enumeration gives.
/// </summary>
public class AwaitedJobMemoryTests
{
    private static PSObject CsvRow(params (string Name, string Value)[] cells)
    {
        var row = new PSObject();
        foreach (var (name, value) in cells) row.Properties.Add(new PSNoteProperty(name, value));
        return row;
    }

    /// <summary>The members stored on the row itself, hidden ones included.</summary>
    internal static List<string> StoredMembers(PSObject row)
    {
        var stored = typeof(PSObject).GetProperty("InstanceMembers", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(row);
        return ((IEnumerable)stored!).Cast<PSMemberInfo>().Select(m => m.Name).ToList();
    }

    [Fact]
    public void ReadingACsvRowForASubmitLeavesNothingOnTheRow()
    {
        var row = CsvRow(("prompt", "a cat on a boat"), ("image_url_1", "https://example.com/a.png"), ("duration", "5"), ("seed", ""));
        var cells = new RowCells(typeof(NewHHVideoJobCommand), new Dictionary<string, object>());

        var seen = cells.View(row).Select(p => p.Name).ToList();

        Assert.Equal(new[] { "prompt", "image_url_1", "duration", "seed" }, seen);
        Assert.Equal("a cat on a boat", cells.Get("Prompt", row));
        Assert.Equal("5", cells.Get("Duration", row));
        Assert.Null(RowShape.MissingPrompt(row));
        Assert.Equal(new[] { "prompt", "image_url_1", "duration", "seed" }, StoredMembers(row));
    }

    [Fact]
    public void ThePublicEnumerationIsWhatAttachesTheReservedMembers()
    {
        // The premise of the test above: were the row enumerated the public way, it would keep five more members.
        var row = CsvRow(("prompt", "x"));
        _ = row.Properties.ToList();
        Assert.Contains("psbase", StoredMembers(row), StringComparer.OrdinalIgnoreCase);
        Assert.True(StoredMembers(row).Count > 1);
    }

    [Fact]
    public void ACsvRowReadsAsThePublicEnumerationReadsIt()
    {
        var row = CsvRow(("b", "2"), ("A", "1"), ("image_url_10", "https://example.com/x.png"));
        var expected = CsvRow(("b", "2"), ("A", "1"), ("image_url_10", "https://example.com/x.png")).Properties.Select(p => (p.Name, p.Value)).ToList();

        Assert.Equal(expected, RowProperties.Of(row).Select(p => (p.Name, p.Value)).ToList());
    }

    [Fact]
    public void ARowThatIsNotAPlainCsvRowIsReadThePublicWay()
    {
        var typed = CsvRow(("prompt", "x"));
        typed.TypeNames.Insert(0, "My.Row");
        var scripted = CsvRow(("prompt", "x"));
        scripted.Properties.Add(new PSScriptProperty("duration", ScriptBlock.Create("5")));
        var table = PSObject.AsPSObject(new Hashtable { ["prompt"] = "x" });

        foreach (var row in new[] { typed, scripted, table })
            Assert.Equal(row.Properties.Select(p => p.Name).ToList(), RowProperties.Of(row).Select(p => p.Name).ToList());
        Assert.Contains("duration", RowProperties.Of(scripted).Select(p => p.Name));
    }

    [Fact]
    public void ANamedCellIsFoundInAnySpellingOfItsCaseAndAMissingOneIsNull()
    {
        var row = CsvRow(("prompt", "x"), ("baseuri", "https://elsewhere.example/v1"));

        Assert.Equal("https://elsewhere.example/v1", RowProperties.Named(row, "BaseUri")!.Value);
        Assert.Null(RowProperties.Named(row, "Token"));
        Assert.Equal(new[] { "prompt", "baseuri" }, StoredMembers(row)); // nothing left behind on the row

        // Objects that are not plain rows are asked the public way: a typed job's property, a hashtable's key.
        var job = PSObject.AsPSObject(new HHVideoJob { BaseUri = "https://api.example/v1" });
        Assert.Equal("https://api.example/v1", RowProperties.Named(job, "baseUri")!.Value);
        var typed = CsvRow(("BaseUri", "https://typed.example/v1"));
        typed.TypeNames.Insert(0, "My.Row");
        Assert.Equal("https://typed.example/v1", RowProperties.Named(typed, "BASEURI")!.Value);
    }

    [Fact]
    public void ATicketKeepsItsTimesAsTheSameInstants()
    {
        var client = new RunComfyClient(new Uri("https://example.com/v1"), ApiCredential.FromPlainText("t"));
        var submitted = new DateTimeOffset(2026, 12, 1, 17, 30, 0, TimeSpan.FromHours(2));
        var ticket = new WaitTicket(client, "r1", submitted, null);

        Assert.Equal(submitted, ticket.SubmittedAt);
        Assert.Null(new WaitTicket(client, "r2", null, null).SubmittedAt);
        Assert.Null(ticket.RunningSince);
        ticket.RunningSince ??= submitted.AddSeconds(3);
        ticket.LastPolledAt = submitted.AddSeconds(4);
        Assert.Equal(submitted.AddSeconds(3), ticket.RunningSince);
        Assert.Equal(submitted.AddSeconds(4), ticket.LastPolledAt);
        ticket.LastPolledAt = null;
        Assert.Null(ticket.LastPolledAt);
    }

    [Fact]
    public void AJobGivesBackItsBodyAsItWasSent()
    {
        const string body = "{\"prompt\":\"café — 東京 ✓\",\"duration\":7}";
        var job = new HHVideoJob { InputJson = body };

        Assert.Equal(body, job.InputJson);
        Assert.Equal(7L, job.RequestedSeconds);
        Assert.Equal("café — 東京 ✓", job.Input["prompt"]);
        job.InputJson = null;
        Assert.Null(job.InputJson);
    }
}
