using System.Management.Automation;
using HappyHorse.Tests.Infrastructure;

namespace HappyHorse.Tests.Hostile;

/// <summary>
/// One bad CSV row: its cells (all strings, as Import-Csv makes them), the API field the error must
/// name, a recognisable part of the bad value, and a part of what the message says is allowed.
/// </summary>
public sealed record HostileRow(string Name, (string Column, string Value)[] Cells, string Field, string Value, string Allowed)
{
    public PSObject ToRow() => CsvRows.Row(Cells);
}
