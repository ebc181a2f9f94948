using System;
using System.Globalization;
using System.Management.Automation;

namespace HappyHorse.Cmdlets.Binding
{
    /// <summary>
    /// Binds a whole number from a typed value or a CSV string ("7" → 7), lets an empty cell through
    /// as "not given", and rejects anything else with the field, the value and the allowed range.
    /// ValidateRange cannot be used: it rejects $null even on a nullable parameter.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class IntegerInputAttribute : ArgumentTransformationAttribute
    {
        public IntegerInputAttribute(string field, long minimum, long maximum)
        {
            Field = field;
            Minimum = minimum;
            Maximum = maximum;
        }

        public string Field { get; }
        public long Minimum { get; }
        public long Maximum { get; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object? value = CellText.Unwrap(inputData);
            if (CellText.IsEmpty(value)) return null;
            if (!TryReadWhole(value!, out long number))
                throw new ArgumentTransformationMetadataException(
                    $"{Field} {CellText.Show(value)} is not a whole number; allowed: a whole number from {Minimum} to {Maximum}.");
            if (number < Minimum || number > Maximum)
                throw new ArgumentTransformationMetadataException(
                    $"{Field} {number.ToString(CultureInfo.InvariantCulture)} is out of range; allowed: {Minimum} to {Maximum}.");
            return (int)number;
        }

        private static bool TryReadWhole(object value, out long number)
        {
            number = 0;
            switch (value)
            {
                case int i: number = i; return true;
                case long l: number = l; return true;
                case short s: number = s; return true;
                case byte b: number = b; return true;
                case double d when !double.IsNaN(d) && Math.Floor(d) == d && Math.Abs(d) < 9e18: number = (long)d; return true;
                case decimal m when decimal.Truncate(m) == m && Math.Abs(m) < 9e18m: number = (long)m; return true;
                case string text:
                    return long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
                default: return false;
            }
        }
    }
}
