namespace HappyHorse.Emulator;

/// <summary>What a catalog price is per: the catalog's <c>price_unit</c>.</summary>
internal enum PriceUnit
{
    /// <summary>"second": cost = price × the video's seconds.</summary>
    Second,

    /// <summary>"request": a flat price per accepted submission, whatever the video's length.</summary>
    Request,
}

internal static class PriceUnitNames
{
    public static string WireName(this PriceUnit unit) => unit == PriceUnit.Second ? "second" : "request";
}
