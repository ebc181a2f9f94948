using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace HappyHorse.Tests.Module.Help;

/// <summary>Get-Help -Online opens each cmdlet's page: its markdown in the repository the manifest names.</summary>
public class OnlineHelpTests
{
    private static string ProjectUri()
    {
        string manifest = File.ReadAllText(Path.Combine(RepoPaths.Root, "HappyHorse.psd1"));
        return Regex.Match(manifest, @"ProjectUri\s*=\s*'([^']+)'").Groups[1].Value.TrimEnd('/');
    }

    [Theory]
    [MemberData(nameof(ModuleCmdlets.NameData), MemberType = typeof(ModuleCmdlets))]
    public void EveryCmdletLinksToItsHelpPageInTheRepository(string cmdlet)
    {
        string expected = ProjectUri() + "/blob/main/docs/en-US/" + cmdlet + ".md";
        Assert.StartsWith("https://", expected);
        Assert.Equal(expected, ModuleCmdlets.TypeOf(cmdlet).GetCustomAttribute<CmdletAttribute>()!.HelpUri);

        string markdown = File.ReadAllText(Path.Combine(HelpMarkdown.Folder, cmdlet + ".md"));
        Assert.Equal(expected, Regex.Match(markdown, @"^online version:\s*(\S*)\s*$", RegexOptions.Multiline).Groups[1].Value);
    }
}
