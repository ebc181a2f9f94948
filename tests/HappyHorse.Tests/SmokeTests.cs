using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Xunit;
namespace HappyHorse.Tests;
public class SmokeTests {
  [Fact] public void Hosts() { var iss = InitialSessionState.CreateDefault2(); using var ps = PowerShell.Create(iss); var r = ps.AddScript("[pscustomobject]@{a='1'} | ForEach-Object { $_.a }; Get-Command -Module Microsoft.PowerShell.Core | Measure-Object | % Count").Invoke(); Assert.Equal("1", r[0].BaseObject); System.Console.WriteLine(string.Join(",", r)); foreach (var e in ps.Streams.Error) System.Console.WriteLine(e); }
}
