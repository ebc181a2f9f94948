using Xunit;
using HappyHorse.Records;

namespace HappyHorse.Tests.Records;

/// <summary>How the error that stops a batch lists the rows it names.</summary>
public class BatchStopTests
{
    [Theory]
    [InlineData(new int[0], "no row")]
    [InlineData(new[] { 4 }, "row 4")]
    [InlineData(new[] { 1, 2, 3 }, "rows 1-3")]
    [InlineData(new[] { 1, 3, 5, 6, 7, 9 }, "rows 1, 3, 5-7, 9")]
    public void RowsAreListedAsRanges(int[] rows, string expected) => Assert.Equal(expected, BatchStop.Rows(rows));
}
