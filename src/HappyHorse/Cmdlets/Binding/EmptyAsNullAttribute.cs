using System;
using System.Management.Automation;

namespace HappyHorse.Cmdlets.Binding
{
    /// <summary>An empty CSV cell binds as null ("not given") instead of an empty string.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class EmptyAsNullAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object? value = CellText.Unwrap(inputData);
            if (value is object[] array)
            {
                var kept = new System.Collections.Generic.List<object>();
                foreach (var item in array) if (!CellText.IsEmpty(CellText.Unwrap(item))) kept.Add(CellText.Unwrap(item)!);
                return kept.Count == 0 ? null : kept.ToArray();
            }
            return CellText.IsEmpty(value) ? null : inputData;
        }
    }
}
