using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace HappyHorse.Tests.Module;

public class FormatFileTests
{
    private static XElement ViewOf(Type type)
    {
        var doc = XDocument.Load(Path.Combine(Path.GetDirectoryName(RepoPaths.ModuleManifest)!, "HappyHorse.Format.ps1xml"));
        return doc.Descendants("View").Single(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value == type.FullName);
    }

    [Theory]
    [InlineData(typeof(HHVideoJob))]
    [InlineData(typeof(HHJobStatus))]
    [InlineData(typeof(HHJobResult))]
    [InlineData(typeof(HHCancelResult))]
    [InlineData(typeof(HHConnection))]
    [InlineData(typeof(HHImageCheck))]
    [InlineData(typeof(HHJournalEntry))]
    public void EveryOutputTypeHasATableViewOfRealProperties(Type type)
    {
        var view = ViewOf(type);
        var items = view.Descendants("TableColumnItem").ToList();
        Assert.NotEmpty(items);
        Assert.Equal(view.Descendants("TableColumnHeader").Count(), items.Count);
        foreach (var item in items)
        {
            var property = item.Element("PropertyName")?.Value;
            var script = item.Element("ScriptBlock")?.Value;
            Assert.True(property != null || script != null, $"a column of {type.Name} shows neither a property nor a script block");
            if (property != null) Assert.NotNull(type.GetProperty(property));
            foreach (Match m in Regex.Matches(script ?? "", @"\$_\.(\w+)"))
                Assert.True(type.GetProperty(m.Groups[1].Value) != null, $"{type.Name}'s view reads $_.{m.Groups[1].Value}, which is not a property");
        }
    }

    [Theory]
    [InlineData(typeof(HHVideoJob))]
    [InlineData(typeof(HHJobResult))]
    [InlineData(typeof(HHJobStatus))]
    [InlineData(typeof(HHJournalEntry))]
    public void JobAndResultViewsStartWithTheRowsIndexAndName(Type type)
    {
        var labels = ViewOf(type).Descendants("TableColumnHeader").Select(h => h.Element("Label")!.Value).ToList();
        Assert.Equal(new[] { "Index", "Name" }, labels.Take(2));
    }

    [Theory]
    [InlineData(typeof(HHVideoJob), 18)]
    [InlineData(typeof(HHJobResult), 8)]
    [InlineData(typeof(HHJobStatus), 0)]
    [InlineData(typeof(HHImageCheck), 25)]
    [InlineData(typeof(HHJournalEntry), 8)]
    public void FixedColumnsFitEightyCharactersAndLeaveRoomForTheLastOne(Type type, int roomLeft)
    {
        var widths = ViewOf(type).Descendants("TableColumnHeader").Select(h => h.Element("Width")?.Value).ToList();
        int fixedWidth = widths.Where(w => w != null).Sum(w => int.Parse(w!)) + widths.Count - 1;
        Assert.True(80 - fixedWidth >= roomLeft, $"{type.Name}: the fixed columns take {fixedWidth} of 80 characters");
        Assert.True(widths.Take(widths.Count - 1).All(w => w != null), "only the last column may go without a width");
    }
}
