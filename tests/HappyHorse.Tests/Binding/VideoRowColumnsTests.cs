using System;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using HappyHorse.Binding;
using HappyHorse.Tests.Module.Help;
using Xunit;

namespace HappyHorse.Tests.Binding;

/// <summary>
/// The image columns are listed once, in <see cref="VideoRowColumns"/>; a cmdlet that declares any
/// ImageUrlN parameter (PowerShell needs the properties) declares exactly that list, each bound from
/// the row by its image_url_N column, an empty cell meaning "not given".
/// </summary>
public class VideoRowColumnsTests
{
    private static readonly Regex SlotParameter = new Regex(@"^ImageUrl\d+$");

    [Fact]
    public void TheListIsTheSchemasImageSlots()
    {
        Assert.Equal(Enumerable.Range(1, HappyHorse.Input.InputSchema.MaxImages).Select(i => "ImageUrl" + i), VideoRowColumns.ImageParameters);
        Assert.Equal("image_url_9", VideoRowColumns.ImageColumn(9));
    }

    [Fact]
    public void NewHHVideoJobAndTestHHReferenceImageTakeTheColumns()
    {
        var takers = ModuleCmdlets.Types.Where(t => SlotProperties(t).Any()).Select(ModuleCmdlets.NameOf).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(new[] { "New-HHVideoJob", "Test-HHReferenceImage" }, takers);
    }

    [Theory]
    [InlineData("New-HHVideoJob")]
    [InlineData("Test-HHReferenceImage")]
    public void EveryImageColumnIsDeclaredAsTheOneListSaysIt(string cmdlet)
    {
        var type = ModuleCmdlets.TypeOf(cmdlet);
        Assert.Equal(VideoRowColumns.ImageParameters, SlotProperties(type).Select(p => p.Name).OrderBy(n => int.Parse(n.Substring(8))));
        for (int slot = 1; slot <= VideoRowColumns.ImageParameters.Length; slot++)
        {
            var property = type.GetProperty(VideoRowColumns.ImageParameter(slot))!;
            string where = $"{cmdlet} -{property.Name}";
            Assert.Equal(typeof(string), property.PropertyType);
            var parameter = Assert.Single(property.GetCustomAttributes<ParameterAttribute>());
            Assert.True(parameter.ValueFromPipelineByPropertyName, where + " must bind from the row");
            Assert.Equal(new[] { VideoRowColumns.ImageColumn(slot) }, property.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames));
            Assert.True(property.IsDefined(typeof(EmptyAsNullAttribute)), where + " must read an empty cell as not given");
        }
    }

    private static System.Collections.Generic.IEnumerable<PropertyInfo> SlotProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => SlotParameter.IsMatch(p.Name) && p.IsDefined(typeof(ParameterAttribute), true));
}
