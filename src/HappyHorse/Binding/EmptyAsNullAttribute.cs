using System;
using System.Management.Automation;
using HappyHorse.Input;

namespace HappyHorse.Binding
{
    /// <summary>An empty CSV cell binds as null ("not given") instead of an empty string.</summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class EmptyAsNullAttribute : ArgumentTransformationAttribute
    {
        private static object? Unwrap(object? input) => input is PSObject pso ? pso.BaseObject : input;

        public override object? Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object? value = Unwrap(inputData);
            if (value is object[] array)
            {
                var kept = new System.Collections.Generic.List<object>();
                foreach (var item in array) if (!CellParser.IsEmpty(Unwrap(item))) kept.Add(Unwrap(item)!);
                return kept.Count == 0 ? null : kept.ToArray();
            }
            return CellParser.IsEmpty(value) ? null : inputData;
        }
    }
}
