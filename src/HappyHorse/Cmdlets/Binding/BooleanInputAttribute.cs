using System;
using System.Management.Automation;

namespace HappyHorse.Cmdlets.Binding
{
    /// <summary>
    /// Lets a switch bind from a CSV cell: PowerShell turns any non-empty string, "false" included,
    /// into a present switch. Here "false"/"0"/"no" are false, an empty cell is not given (false).
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class BooleanInputAttribute : ArgumentTransformationAttribute
    {
        public BooleanInputAttribute(string field) => Field = field;

        public string Field { get; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object? value = CellText.Unwrap(inputData);
            switch (value)
            {
                case SwitchParameter s: return s;
                case bool b: return new SwitchParameter(b);
                case int i when i == 0 || i == 1: return new SwitchParameter(i == 1);
            }
            if (CellText.IsEmpty(value)) return new SwitchParameter(false);
            string text = value!.ToString()!.Trim().TrimStart('$').ToLowerInvariant();
            if (text == "true" || text == "1" || text == "yes" || text == "y") return new SwitchParameter(true);
            if (text == "false" || text == "0" || text == "no" || text == "n") return new SwitchParameter(false);
            throw new ArgumentTransformationMetadataException(
                $"{Field} {CellText.Show(value)} is not a boolean; allowed: true or false (also 1/0, yes/no).");
        }
    }
}
