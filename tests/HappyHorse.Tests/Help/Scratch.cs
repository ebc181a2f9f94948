using HappyHorse.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
namespace HappyHorse.Tests.Help;
public class Scratch
{
    private readonly ITestOutputHelper _out;
    public Scratch(ITestOutputHelper o) => _out = o;
    [Fact]
    public void Show()
    {
        using var shell = new PsSession();
        var r = shell.Run("[System.Globalization.CultureInfo]::CurrentUICulture.Name; Get-Help Get-HHJobStatus -Full | Out-Host; Get-Help about_HappyHorse | Out-Host; (Get-Help about_HappyHorse).GetType().FullName");
        _out.WriteLine(string.Join("\n", r.Output));
        _out.WriteLine(r.ErrorText);
        _out.WriteLine(r.Terminating?.ToString() ?? "");
        _out.WriteLine("HOST:\n" + shell.Host.Text);
    }
}
