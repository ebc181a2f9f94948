using System.Globalization;
using System.Management.Automation;

namespace HappyHorse.Bench;

/// <summary>
/// Rows shaped like Import-Csv output (string cells, empty ones included), as the CSV batch
/// would give. The hosted engine has no Import-Csv, so the bench builds them.
/// </summary>
internal static class BenchRows
{
    public const int DurationSeconds = 5;

    public static PSObject[] Create(int count)
    {
        var rows = new PSObject[count];
        for (int i = 0; i < count; i++)
        {
            var row = new PSObject();
            Add(row, "prompt", string.Create(CultureInfo.InvariantCulture, $"character1 walks along the harbour at dusk, take {i + 1}"));
            Add(row, "image_url_1", string.Create(CultureInfo.InvariantCulture, $"https://example.com/refs/c{i % 7 + 1}.png"));
            Add(row, "image_url_2", "");
            Add(row, "aspect_ratio", "16:9");
            Add(row, "resolution", "720P");
            Add(row, "duration", DurationSeconds.ToString(CultureInfo.InvariantCulture));
            Add(row, "seed", "");
            rows[i] = row;
        }
        return rows;
    }

    /// <summary>The JSON body the documented curl call would send for row <paramref name="index"/>.</summary>
    public static string CurlBody(int index) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"prompt": "character1 walks along the harbour at dusk, take {{index + 1}}", "image_url_1": "https://example.com/refs/c{{index % 7 + 1}}.png", "aspect_ratio": "16:9", "resolution": "720P", "duration": {{DurationSeconds}}}""");

    private static void Add(PSObject row, string name, string value) => row.Properties.Add(new PSNoteProperty(name, value));
}
