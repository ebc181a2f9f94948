using System;
using System.Management.Automation;
using HappyHorse.Input;

namespace HappyHorse.Binding
{
    /// <summary>
    /// Makes the binder's job easy and never fails a row: empty cells bind as null, integers and
    /// booleans bind from strings, enum values get the schema's spelling. Whatever cannot be read is
    /// left for the cmdlet, which reads the row's own cell and reports it with the field, the value
    /// and what is allowed — a throwing transformation would drop the row before ProcessRecord, and
    /// ValidateSet/ValidateRange reject the null of an empty cell.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class LenientInputAttribute : ArgumentTransformationAttribute
    {
        public LenientInputAttribute(string field) => Field = field;

        /// <summary>The API field name; picks the schema rule (enum, integer, boolean or text).</summary>
        public string Field { get; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
            if (value is SwitchParameter) return value;
            if (CellParser.IsEmpty(value)) return Field == "watermark" ? (object)new SwitchParameter(false) : null;
            switch (Field)
            {
                case "watermark":
                    return new SwitchParameter(CellParser.TryBoolean(value!) ?? false);
                case "duration":
                case "seed":
                    if (CellParser.TryWhole(value!, out long n) && n >= int.MinValue && n <= int.MaxValue) return (int)n;
                    // Out of Int32 or not a whole number: bound as is, PowerShell would round or refuse it its own way.
                    return NotWholeStandIn.For(value!);
                default:
                    var choices = InputSchema.ChoicesFor(Field);
                    return choices.Length > 0 ? CellParser.MatchChoice(value!.ToString()!, choices) ?? value : inputData;
            }
        }
    }
}
