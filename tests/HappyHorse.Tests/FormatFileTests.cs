using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using HappyHorse.Tests.Infrastructure;
using Xunit;

namespace HappyHorse.Tests;

public class FormatFileTests
{
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
        var doc = XDocument.Load(Path.Combine(Path.GetDirectoryName(RepoPaths.ModuleManifest)!, "HappyHorse.Format.ps1xml"));
        var view = doc.Descendants("View").Single(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value == type.FullName);
        var properties = view.Descendants("PropertyName").Select(p => p.Value).ToList();
        Assert.NotEmpty(properties);
        Assert.All(properties, p => Assert.NotNull(type.GetProperty(p)));
        Assert.Equal(view.Descendants("TableColumnHeader").Count(), properties.Count);
    }
}
