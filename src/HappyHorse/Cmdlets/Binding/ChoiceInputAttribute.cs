using System;
using System.Management.Automation;
using HappyHorse.Input;

namespace HappyHorse.Cmdlets.Binding
{
    /// <summary>
    /// One of the schema's enum values, matched without regard to case and sent in the schema's own
    /// spelling ("720p" → "720P"); an empty cell is "not given". ValidateSet would pass "720p" through
    /// unchanged and reject an empty cell.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class ChoiceInputAttribute : ArgumentTransformationAttribute
    {
        public ChoiceInputAttribute(string field)
        {
            Field = field;
            Choices = InputSchema.ChoicesFor(field);
        }

        public string Field { get; }
        public string[] Choices { get; }

        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object? value = CellText.Unwrap(inputData);
            if (CellText.IsEmpty(value)) return null;
            string text = value!.ToString()!.Trim();
            foreach (var choice in Choices)
                if (string.Equals(choice, text, StringComparison.OrdinalIgnoreCase)) return choice;
            throw new ArgumentTransformationMetadataException(
                $"{Field} {CellText.Show(value)} is not allowed; allowed: {string.Join(", ", Choices)}.");
        }
    }
}
