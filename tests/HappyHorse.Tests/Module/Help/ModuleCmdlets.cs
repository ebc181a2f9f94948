using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using HappyHorse.Input;
using Xunit;
using HappyHorse.Binding;

namespace HappyHorse.Tests.Module.Help;

/// <summary>
/// The module's cmdlets and the parameters their help must document, found by reflection over the
/// cmdlet classes. Documented: every [Parameter] property except DontShow ones (hidden plumbing,
/// such as the Job and InputObject pipeline bindings, which Get-Command -Syntax hides too), plus
/// -WhatIf and -Confirm when the cmdlet supports ShouldProcess. The engine's common parameters are
/// not documented one by one (### CommonParameters covers them).
/// </summary>
public static class ModuleCmdlets
{
    public static IReadOnlyList<Type> Types { get; } = typeof(HHVideoJob).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.GetCustomAttribute<CmdletAttribute>() != null)
        .OrderBy(NameOf, StringComparer.Ordinal).ToList();

    public static IEnumerable<string> Names => Types.Select(NameOf);

    public static TheoryData<string> NameData()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names) data.Add(name);
        return data;
    }

    public static string NameOf(Type type)
    {
        var attribute = type.GetCustomAttribute<CmdletAttribute>()!;
        return attribute.VerbName + "-" + attribute.NounName;
    }

    public static Type TypeOf(string name) => Types.Single(t => NameOf(t) == name);

    public static IReadOnlyList<ReflectedParameter> Parameters(string cmdlet)
    {
        var type = TypeOf(cmdlet);
        object instance = Activator.CreateInstance(type)!;
        try
        {
            var list = new List<ReflectedParameter>();
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var attributes = property.GetCustomAttributes<ParameterAttribute>(true).ToList();
                if (attributes.Count == 0 || attributes.All(a => a.DontShow)) continue;
                list.Add(new ReflectedParameter(property, attributes, property.GetValue(instance)));
            }
            if (type.GetCustomAttribute<CmdletAttribute>()!.SupportsShouldProcess)
                foreach (var property in typeof(System.Management.Automation.Internal.ShouldProcessParameters).GetProperties())
                    list.Add(new ReflectedParameter(property, property.GetCustomAttributes<ParameterAttribute>(true).ToList(), new SwitchParameter(false)));
            return list;
        }
        finally
        {
            (instance as IDisposable)?.Dispose();
        }
    }
}

/// <summary>One parameter as the code declares it, in the words of a platyPS ```yaml block.</summary>
public sealed class ReflectedParameter
{
    private readonly PropertyInfo _property;
    private readonly IReadOnlyList<ParameterAttribute> _attributes;
    private readonly object? _default;

    public ReflectedParameter(PropertyInfo property, IReadOnlyList<ParameterAttribute> attributes, object? defaultValue)
    {
        _property = property;
        _attributes = attributes;
        _default = defaultValue;
    }

    public string Name => _property.Name;

    public string Type
    {
        get
        {
            var type = Nullable.GetUnderlyingType(_property.PropertyType) ?? _property.PropertyType;
            return type.Name;
        }
    }

    public bool IsSwitch => _property.PropertyType == typeof(SwitchParameter);

    public string ParameterSets => string.Join(", ", _attributes
        .Select(a => a.ParameterSetName == ParameterAttribute.AllParameterSets ? "(All)" : a.ParameterSetName)
        .Distinct().OrderBy(s => s, StringComparer.Ordinal));

    /// <summary>Null when parameter sets disagree: one yaml block cannot say it, so it is not checked.</summary>
    public string? Required => Agreed(a => a.Mandatory ? "True" : "False");

    public string? Position => Agreed(a => a.Position == int.MinValue ? "Named" : a.Position.ToString(CultureInfo.InvariantCulture));

    public string PipelineInput
    {
        get
        {
            var ways = new List<string>();
            if (_attributes.Any(a => a.ValueFromPipelineByPropertyName)) ways.Add("ByPropertyName");
            if (_attributes.Any(a => a.ValueFromPipeline)) ways.Add("ByValue");
            return ways.Count == 0 ? "False" : "True (" + string.Join(", ", ways) + ")";
        }
    }

    public string Wildcards => _property.GetCustomAttribute<SupportsWildcardsAttribute>() != null ? "True" : "False";

    public IReadOnlyList<string> Aliases => _property.GetCustomAttributes<AliasAttribute>().SelectMany(a => a.AliasNames).ToList();

    /// <summary>ValidateSet values, or the schema's choices behind a ChoiceCompleter.</summary>
    public IReadOnlyList<string> AcceptedValues
    {
        get
        {
            var set = _property.GetCustomAttribute<ValidateSetAttribute>();
            if (set != null) return set.ValidValues.ToList();
            var completer = _property.GetCustomAttribute<ArgumentCompleterAttribute>();
            return completer?.Type == typeof(ChoiceCompleter) ? InputSchema.ChoicesFor(Name) : Array.Empty<string>();
        }
    }

    /// <summary>
    /// The default in the code, as help shows it: False for a switch, the value when the property
    /// starts with one, or null when it starts empty (the help then says "None", maybe with why).
    /// </summary>
    public string? Default
    {
        get
        {
            object? value = _default is PSObject pso ? pso.BaseObject : _default;
            if (IsSwitch) return "False";
            if (value == null || (value is ICollection c && c.Count == 0)) return null;
            return Convert.ToString(value, CultureInfo.InvariantCulture);
        }
    }

    private string? Agreed(Func<ParameterAttribute, string> read)
    {
        var values = _attributes.Select(read).Distinct().ToList();
        return values.Count == 1 ? values[0] : null;
    }
}
